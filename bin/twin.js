#!/usr/bin/env node
// Tiny bin: refuse an unsupported Node with a clear message, then load the built entry.
import { readFileSync } from 'node:fs';

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

async function buildClone() {
  const { existsSync } = await import('node:fs');
  const script = new URL('../src/build.mjs', import.meta.url);
  if (!existsSync(script) || !existsSync(new URL('../node_modules/esbuild', import.meta.url))) return false;
  process.stderr.write('Building twin (first run in this folder)…\n');
  const [{ spawnSync }, { fileURLToPath }] = await Promise.all([import('node:child_process'), import('node:url')]);
  return spawnSync(process.execPath, [fileURLToPath(script)], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}
