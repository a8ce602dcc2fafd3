#!/usr/bin/env node
// Tiny bin: refuse an unsupported Node with a clear message, then load the built entry.
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `twin needs Node.js 20.19 or newer; this is ${process.version}.\n` +
      'Install a current Node.js (https://nodejs.org) and run the command again.\n',
  );
  process.exit(2);
}
// `twin --version` is called in loops by scripts: answer it without loading the CLI.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  enableCompileCache();
  // zod compiles a fast path (new Function) for each object schema on its first parse: worth it
  // for the thousands of rows of a batch, not for the few responses of any other command.
  if (args[0] !== 'batch') globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
  await import('../dist/main.js').catch(async (error) => {
    if (!(error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js'))) throw error;
    // A fresh clone after `npm install` (no build yet): build once, then go on. An installed
    // package always ships dist/, so this only ever happens in a clone.
    if (!(await buildClone())) {
      process.stderr.write('twin is not built yet: run `npm install && npm run build` in the heygen-twin folder.\n');
      process.exit(1);
    }
    await import('../dist/main.js');
  });
}

/**
 * V8 keeps the compiled bundle in the user's cache folder (Node 22.1+; Node 20 has no such API),
 * so later runs skip most of parsing and compiling ~1 MB of JavaScript. Node checks each entry
 * against the source and its own version and flags, and recompiles on a mismatch. Used only
 * when the folder is a real folder of this user that no one else can write; anything odd means
 * no cache, never an error. NODE_DISABLE_COMPILE_CACHE=1 turns it off; TWIN_CACHE_DIR moves it.
 */
function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return;
  try {
    const env = process.env;
    const home = env.HOME || homedir();
    const base =
      env.TWIN_CACHE_DIR ||
      (process.platform === 'win32'
        ? join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'heygen-twin', 'Cache')
        : process.platform === 'darwin'
          ? join(home, 'Library', 'Caches', 'heygen-twin')
          : join(env.XDG_CACHE_HOME || join(home, '.cache'), 'heygen-twin'));
    const dir = join(base, 'v8');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') {
      for (const path of [base, dir]) {
        const stats = lstatSync(path);
        if (!stats.isDirectory() || stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0) return;
      }
    }
    module.enableCompileCache(dir);
  } catch {
    // No cache: the same, only slower.
  }
}

async function buildClone() {
  const { existsSync } = await import('node:fs');
  const script = new URL('../src/build.mjs', import.meta.url);
  if (!existsSync(script) || !existsSync(new URL('../node_modules/esbuild', import.meta.url))) return false;
  process.stderr.write('Building twin (first run in this folder)…\n');
  const [{ spawnSync }, { fileURLToPath }] = await Promise.all([import('node:child_process'), import('node:url')]);
  return spawnSync(process.execPath, [fileURLToPath(script)], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}
