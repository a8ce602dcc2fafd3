#!/usr/bin/env node
// Tiny bin: refuse an unsupported Node with a clear message, then run the built command line
// (dist/cli.cjs) with V8's code cache, so most starts skip parsing and compiling it. CommonJS
// (bin/package.json), so that starting it needs none of Node's ES module loader.
'use strict';
const {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} = require('node:fs');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `twin needs Node.js 20.19 or newer; this is ${process.version}.\n` +
      'Install a current Node.js (https://nodejs.org) and run the command again.\n',
  );
  process.exit(2);
}
const CLI = join(__dirname, '..', 'dist', 'cli.cjs');
// `twin --version` is called in loops by scripts: answer it without loading the CLI.
const args = process.argv.slice(2);
const command = commandOf(args);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  // `twin --help` into a pipe or file: the text the build stored (dist/help.txt, the same
  // command's output at 80 columns); a terminal gets it fitted to its width by the CLI.
  if (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]) && !require('node:tty').isatty(1)) printStoredHelp();
  // Node's own modules come with compiled code that V8 accepts only under the flags it was made
  // with, so those the command line needs are loaded before the flags below change (measured:
  // `twin looks list` 744 → 695 million instructions). Each command loads only what it uses:
  // each module costs time and memory (node:http, say, ~2.5 ms), so listing and reading skip
  // the file and timer promises and crypto, and only the commands that prompt, or serve HTTP,
  // load readline or http.
  const helpOnly = args.length === 0 || args[0] === 'help' || args[0] === 'completion' || args.includes('--help') || args.includes('-h');
  const listing = /^(looks|voices|groups|assets|video)-(list|get)$/.test(command);
  const reads = listing || /^(config|doctor)/.test(command) || (args.includes('--dry-run') && !command.startsWith('batch'));
  const builtins = [
    'tty',
    'os',
    'process', // commander and chalk require('node:process'): compiled from source after the flags change, 1.3 ms
    ...(helpOnly ? [] : ['assert', 'perf_hooks']),
    ...(helpOnly || listing ? [] : ['fs/promises', 'timers/promises']),
    ...(helpOnly || reads ? [] : ['crypto']),
    ...(args.length === 0 || /^(batch|wizard|auth)/.test(command) ? ['readline'] : []),
    ...(/^(webhooks|sandbox|demo)/.test(command) ? ['http'] : []),
  ];
  for (const name of builtins) require(`node:${name}`);
  // undici parses HTTP with a WebAssembly build of llhttp. V8's optimising tier-up of it costs
  // ~35 MB of memory and ~250 ms at exit waiting for the background compile: a short-lived CLI
  // never profits from it (measured: `twin looks list` 530 → 250 ms wall). Node 24 ignores
  // --liftoff-only set at run time (V8 turns it into other flags at start) and only delays the
  // tier-up under a bigger budget (a 1 GiB download in 64 KiB reads, as from a real network,
  // still peaked at 88 MB); without dynamic tiering and tier-up, read when a wasm module is
  // compiled, llhttp stays on Liftoff (88 → 65 MB; no change on Node 20).
  // Set here, before anything is compiled: V8 accepts a code cache only under the flags it
  // was made with, so no flag may be set after this.
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  // Memory: V8 grows the young generation as data survives (to 16 MB a semi-space on Node 20,
  // 64 MB on Node 24) and lets the old one grow by up to ~2× before a full collection: tuned for
  // servers' throughput, it makes a 100,000-row batch plan peak at 181 MiB (Node 20) and 271 MiB
  // (Node 24). A young generation that stays small and an old one grown by 10 % at a time:
  // 116 and 139 MiB, for 5-8 % more CPU there; a download 2 MiB less; start-up unchanged.
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=10');
  // A download spends its seconds in native code (socket, SHA-256, disk): V8's optimising
  // compilers gain it nothing, and their code and working memory stay in RSS (a 1 GiB
  // download's peak RSS on Node 20 65.3 → 60.1 MiB, less CPU). Node 22+ also compiles, after
  // 1000 calls, a wrapper for each call into llhttp's wasm with TurboFan (+4-8 MiB on Node 24
  // for a 1 GiB download), and takes --max-opt only from the command line (it is turned into
  // the flags below at start), so those are set one by one: a 1 GiB download on Node 24
  // 73-77 → 64-65 MB, 64 MiB 67-69 → 65 MB. Commands that may download.
  if (/^video-(download|create|wait)/.test(command)) {
    if (major === 20) setFlagsFromString('--max-opt=1');
    else for (const flag of ['--no-maglev', '--no-turbofan', '--wasm-wrapper-tiering-budget=1000000000']) setFlagsFromString(flag);
  }
  let source = readSource();
  if (source === undefined) {
    // A fresh clone after `npm install` (no build yet): build once, then go on. An installed
    // package always ships dist/, so this only ever happens in a clone.
    if (!buildClone() || (source = readSource()) === undefined) {
      process.stderr.write('twin is not built yet: run `npm install && npm run build` in the heygen-twin folder.\n');
      process.exit(1);
    }
  }
  run(source);
}

/** Exits once the stored help is written; returns (the CLI prints it) if it cannot start to. */
function printStoredHelp() {
  let text;
  try {
    text = readFileSync(join(__dirname, '..', 'dist', 'help.txt'));
  } catch {
    return; // not built yet
  }
  let written = 0;
  try {
    while (written < text.length) written += writeSync(1, text, written);
  } catch (error) {
    if (error?.code === 'EPIPE') process.exit(0); // `twin --help | head -1`: the reader left, no failure
    if (written === 0) return; // the CLI tries again and reports what fails
    process.stderr.write(`Error: cannot write standard output (${error?.code ?? error}).\n`);
    process.exit(1);
  }
  process.exit(0);
}

/**
 * The script's text, and the memory it was read into: the code cache is read into the same
 * memory afterwards (each fresh page a process touches costs time, ~13 µs on a small VM).
 */
function readSource() {
  try {
    const fd = openSync(CLI, constants.O_RDONLY);
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.allocUnsafeSlow(size);
      let read = 0;
      for (let n; read < size && (n = readSync(fd, buffer, read, size - read, read)) > 0; ) read += n;
      // Plain ASCII (the build makes sure): a one-byte string.
      return { text: buffer.latin1Slice(0, read), buffer };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined;
    process.stderr.write(
      `Error: twin cannot read its own program file ${CLI}: ${error?.message ?? error}\n  → Reinstall twin (npm install -g heygen-twin).\n`,
    );
    process.exit(1);
  }
}

/** Runs dist/cli.cjs as Node runs a CommonJS module, with the code cache when there is one. */
function run(source) {
  const cache = openCache(source.buffer);
  // The build wrapped the file as Node wraps a module: its text is one function expression.
  const script = new Script(source.text, { filename: CLI, cachedData: cache?.data });
  // V8 has read the cache and the text is a string: the memory they were read into goes now,
  // not at some later collection (Node 22+; buffers of their own, never Node's shared pool).
  for (const data of new Set([source.buffer.buffer, cache?.data?.buffer])) data?.transfer?.(0);
  // None yet, or V8 rejected it (made by another V8 or under other flags): made at exit, when
  // it can hold all the code this command ran.
  if (cache && (cache.data === undefined || script.cachedDataRejected)) process.once('exit', () => saveCache(cache, script));
  const module = { exports: {}, filename: CLI, id: '.', loaded: false };
  // The script requires only Node's modules and its own ./vendor/*.cjs files: this file's own
  // require serves both (node:module's createRequire would load the ES module loader too).
  const requireFromDist = (id) => require(id.startsWith('./') ? join(dirname(CLI), id) : id);
  script.runInThisContext().call(module.exports, module.exports, requireFromDist, module, CLI, dirname(CLI));
}

/**
 * The code cache lives in the user's cache folder: $XDG_CACHE_HOME/heygen-twin/v8 (or
 * ~/.cache/…; ~/Library/Caches/heygen-twin on macOS; %LOCALAPPDATA%\\heygen-twin\\Cache on
 * Windows; TWIN_CACHE_DIR moves it), one file per command ("looks list": each holds the code
 * that command runs, no more) for each build of twin and Node version. Used only when the
 * folder is a real folder of this user that no one else can write and the file a regular
 * file of this user; anything odd means no cache, never an error. NODE_DISABLE_COMPILE_CACHE=1
 * turns it off.
 */
function openCache(spare) {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
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
    for (const path of [base, dir]) if (!ours(lstatSync(path), true)) return undefined;
    const built = lstatSync(CLI);
    const prefix = `cli-${process.version}-${process.arch}-`;
    const build = `${prefix}${built.size}-${Math.trunc(built.mtimeMs)}-`;
    const cache = { dir, prefix, build, path: join(dir, `${build}${command}.bin`), data: undefined };
    let fd;
    try {
      // Not through a link; a FIFO planted there does not block the open (O_NONBLOCK).
      fd = openSync(cache.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    } catch {
      return cache; // none yet, or a link: a new file replaces it at exit
    }
    try {
      const stats = fstatSync(fd);
      if (ours(stats, false) && stats.size < 64 * 1024 * 1024) {
        // Into the memory the script's text was read into, when it fits (it always has so far).
        const data = stats.size <= spare.length ? spare.subarray(0, stats.size) : Buffer.allocUnsafeSlow(stats.size);
        let read = 0;
        for (let n; read < data.length && (n = readSync(fd, data, read, data.length - read, read)) > 0; ) read += n;
        if (read === data.length) cache.data = data;
      }
    } finally {
      closeSync(fd);
    }
    return cache.data ? cache : undefined;
  } catch {
    return undefined; // no cache: the same, only slower
  }
}

function ours(stats, folder) {
  if (folder ? !stats.isDirectory() : !stats.isFile()) return false;
  return process.platform === 'win32' || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);
}

/** "looks-list", "video-create", "help": the first two words (options skipped). */
function commandOf(argv) {
  const words = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (!/^[a-z][a-z-]{0,30}$/.test(arg) || words.push(arg) === 2) break;
  }
  return words.join('-') || 'help';
}

/** Written whole beside the final name (new file, 0600, never through a link), then renamed. */
function saveCache(cache, script) {
  let temp;
  try {
    const names = readdirSync(cache.dir);
    // Caches of earlier builds of twin under this Node are of no more use.
    for (const name of names) if (name.startsWith(cache.prefix) && !name.startsWith(cache.build)) unlinkSync(join(cache.dir, name));
    if (names.filter((name) => name.startsWith(cache.build)).length >= 64) return; // mistyped commands, say
    const data = script.createCachedData();
    temp = join(cache.dir, `.tmp-${process.pid}-${Date.now()}`);
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, cache.path);
    temp = undefined;
  } catch {
    // No cache this time.
  } finally {
    if (temp) {
      try {
        unlinkSync(temp);
      } catch {}
    }
  }
}

function buildClone() {
  const script = join(__dirname, '..', 'src', 'build.mjs');
  if (!existsSync(script) || !existsSync(join(__dirname, '..', 'node_modules', 'esbuild'))) return false;
  process.stderr.write('Building twin (first run in this folder)…\n');
  return require('node:child_process').spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}
