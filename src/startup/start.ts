// The start of every `twin` command line, after bin/twin.js has checked the Node version: the
// quick answers (--version, the stored help), then the built-ins the command needs (table.ts),
// V8's flags, and dist/cli.cjs run with V8's code cache (code-cache.ts), so most starts skip
// parsing and compiling it. Built as dist/start.cjs, CommonJS, so that starting needs none of
// Node's ES module loader; it requires only Node's modules.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { VERSION } from '../shared/version.js';
import { type Cache, openCache, saveCache } from './code-cache.js';
import { commandOf, startOf } from './table.js';

/** dist/: this file's folder once built. */
const DIST = __dirname;
const CLI = join(DIST, 'cli.cjs');

const args = process.argv.slice(2);
// `twin --version` is called in loops by scripts: answer it without loading the CLI.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  // `twin --help` into a pipe or file: the text the build stored (dist/help.txt, the same
  // command's output at 80 columns); a terminal gets it fitted to its width by the CLI.
  if (args.length === 1 && ['--help', '-h', 'help'].includes(args[0]!) && !require('node:tty').isatty(1)) printStoredHelp();
  const start = startOf(args);
  for (const name of start.preload) require(`node:${name}`);
  setFlags(start.downloads);
  const source = readSource();
  if (source === undefined) {
    process.stderr.write('twin is not built yet: run `npm install && npm run build` in the heygen-twin folder.\n');
    process.exit(1);
  }
  run(source, commandOf(args));
}

function setFlags(downloads: boolean): void {
  // undici parses HTTP with a WebAssembly build of llhttp. V8's optimising tier-up of it costs
  // ~35 MB of memory and ~250 ms at exit waiting for the background compile: a short-lived CLI
  // never profits from it (measured: `twin looks list` 530 → 250 ms wall). Node 24 ignores
  // --liftoff-only set at run time (V8 turns it into other flags at start) and only delays the
  // tier-up under a bigger budget (a 1 GiB download in 64 KiB reads, as from a real network,
  // still peaked at 88 MB); without dynamic tiering and tier-up, read when a wasm module is
  // compiled, llhttp stays on Liftoff (88 → 65 MB; no change on Node 20).
  // Set here, before anything is compiled: V8 accepts a code cache only under the flags it
  // was made with, so no flag may be set after this, and a command's flags never depend on more
  // than the command (its cache file is shared by its help and its runs).
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
  // 73-77 → 64-65 MB, 64 MiB 67-69 → 65 MB. Commands that may download (table.ts).
  if (!downloads) return;
  if (process.versions.node.startsWith('20.')) setFlagsFromString('--max-opt=1');
  else for (const flag of ['--no-maglev', '--no-turbofan', '--wasm-wrapper-tiering-budget=1000000000']) setFlagsFromString(flag);
}

/** Exits once the stored help is written; returns (the CLI prints it) if it cannot start to. */
function printStoredHelp(): void {
  let text: Buffer;
  try {
    text = readFileSync(join(DIST, 'help.txt'));
  } catch {
    return; // not built yet
  }
  let written = 0;
  try {
    while (written < text.length) written += writeSync(1, text, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'EPIPE') process.exit(0); // `twin --help | head -1`: the reader left, no failure
    if (written === 0) return; // the CLI tries again and reports what fails
    process.stderr.write(`Error: cannot write standard output (${code ?? error}).\n`);
    process.exit(1);
  }
  process.exit(0);
}

interface Source {
  text: string;
  buffer: Buffer;
}

/**
 * The script's text, and the memory it was read into: the code cache is read into the same
 * memory afterwards (each fresh page a process touches costs time, ~13 µs on a small VM).
 */
function readSource(): Source | undefined {
  try {
    const fd = openSync(CLI, constants.O_RDONLY);
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.allocUnsafeSlow(size);
      let read = 0;
      for (let n: number; read < size && (n = readSync(fd, buffer, read, size - read, read)) > 0; ) read += n;
      // Plain ASCII (the build makes sure): a one-byte string.
      return { text: (buffer as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(0, read), buffer };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return undefined;
    process.stderr.write(
      `Error: twin cannot read its own program file ${CLI}: ${(error as Error)?.message ?? error}\n  → Reinstall twin (npm install -g heygen-twin).\n`,
    );
    process.exit(1);
  }
}

/** Runs dist/cli.cjs as Node runs a CommonJS module, with the code cache when there is one. */
function run(source: Source, command: string): void {
  const cache: Cache | undefined = openCache(CLI, command, source.buffer);
  // The build wrapped the file as Node wraps a module: its text is one function expression.
  const script = new Script(source.text, { filename: CLI, cachedData: cache?.data });
  // V8 has read the cache and the text is a string: the memory they were read into goes now,
  // not at some later collection (Node 22+; buffers of their own, never Node's shared pool).
  for (const data of new Set([source.buffer.buffer, cache?.data?.buffer])) (data as { transfer?(length: number): unknown })?.transfer?.(0);
  // None yet, or V8 rejected it (made by another V8 or under other flags): made at exit, when
  // it can hold all the code this command ran.
  if (cache && (cache.data === undefined || script.cachedDataRejected)) process.once('exit', () => saveCache(cache, script));
  const module = { exports: {}, filename: CLI, id: '.', loaded: false };
  // The script requires only Node's modules and its own ./vendor/*.cjs files: this file's own
  // require serves both (node:module's createRequire would load the ES module loader too).
  const requireFromDist = (id: string) => require(id.startsWith('./') ? join(DIST, id) : id);
  script.runInThisContext().call(module.exports, module.exports, requireFromDist, module, CLI, dirname(CLI));
}
