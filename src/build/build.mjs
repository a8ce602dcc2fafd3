// Bundles src/ into dist/. Two outputs:
// - the command line: dist/start.cjs, the start-up module bin/twin.js hands over to
//   (src/startup/), and dist/cli.cjs, one CommonJS script that module compiles with V8's code
//   cache, plus dist/vendor/*.cjs, the libraries only some commands need (the wizard's prompts,
//   the spinner, the settings store, the CSV parser), loaded on first use;
// - the library and the sandbox for `import … from 'heygen-twin'`: ES modules with lazy chunks.
// npm packages are bundled into both: resolving hundreds of files of undici and zod at start-up
// cost more than running them (measured with --cpu-prof), and the package installs alone.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeNotices } from './notices.mjs';
import { fileURLToPath } from 'node:url';
import { asciiOnly, defaultOnlyBuiltins, lazyBuiltins, undiciWithoutHttp, vendorOnDemand, VENDOR } from './plugins.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist`, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  logLevel: 'warning',
  define: { __TWIN_VERSION__: JSON.stringify(version) },
  metafile: true,
};

const library = await build({
  ...common,
  entryPoints: { index: 'src/index.ts', sandbox: 'src/sandbox/index.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  // CJS inside ESM needs `require`.
  banner: {
    js: "import { createRequire as __twinCreateRequire } from 'node:module'; const require = __twinCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [lazyBuiltins()],
});

// The command line as one script: V8 can cache the compiled code of a script (vm.Script
// cachedData) on every Node version, but not of ES modules on Node 20. Minified (names too:
// every start reads and copies the whole text, 1.1 → 0.85 MB, 10 ms less for `looks list` on this
// machine, where each fresh page of memory costs ~13 µs) and made ASCII (asciiOnly): V8 keeps an
// ASCII source as a one-byte string, half the memory. Class names are shortened with the rest, so
// error classes name themselves (src/shared/errors.ts).
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  write: false,
  // import.meta.url (only the sandbox's fixtures ask for it) is worked out when read, not at every start.
  define: { ...common.define, 'import.meta.url': '__twin_meta.url' },
  // Wrapped as Node wraps a CommonJS module, so dist/start.cjs compiles the file's text as it is
  // (no second copy of 1 MB of source to join a wrapper to).
  banner: {
    js: "(function (exports, require, module, __filename, __dirname) {'use strict';const __twin_meta={get url(){return require('node:url').pathToFileURL(__filename).href}};",
  },
  footer: { js: '\n})' },
  plugins: [lazyBuiltins(), vendorOnDemand(), undiciWithoutHttp(), defaultOnlyBuiltins()],
});
for (const file of cli.outputFiles) writeFileSync(file.path, asciiOnly(file.text));

const vendors = await Promise.all(
  Object.entries(VENDOR).map(([name, specifier]) =>
    build({
      ...common,
      stdin: { contents: `module.exports = require(${JSON.stringify(specifier)});`, resolveDir: root },
      outfile: `dist/vendor/${name}.cjs`,
      format: 'cjs',
      minifyWhitespace: true,
      legalComments: 'none',
    }),
  ),
);

// The start of every command line (bin/twin.js requires it): the start-up table and the code
// cache, CommonJS and on its own, so that it loads before the V8 flags change and needs nothing
// but Node's modules.
await build({
  ...common,
  metafile: false,
  entryPoints: { start: 'src/startup/start.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  minify: true,
  legalComments: 'none',
});

// `twin --help` into a pipe or file prints this text without starting the CLI (src/startup/start.ts): the
// CLI's own output, made here by running it (stdout a pipe: 80 columns, as the CLI does there).
const help = spawnSync(process.execPath, [`${root}/bin/twin.js`, '--help'], {
  env: { PATH: process.env.PATH ?? '', NODE_DISABLE_COMPILE_CACHE: '1', NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (help.status !== 0 || !help.stdout.toString().startsWith('Usage: twin'))
  throw new Error(`twin --help failed in the build (exit ${help.status})`);
writeFileSync(`${root}/dist/help.txt`, help.stdout);

// The licences of what was bundled travel with the package (it has no dependencies to carry them).
const inputs = Object.assign({}, ...[library, cli, ...vendors].map((r) => r.metafile.inputs));
writeNotices(root, { inputs }, `${root}/dist/THIRD-PARTY-NOTICES.md`);

// --types: the library's declarations (dist/types) for `import … from 'heygen-twin'`; run by
// `npm pack` (prepack). Left out of the plain build the tests run, as tsc takes a while.
if (process.argv.includes('--types')) (await import('./types.mjs')).buildTypes(root);
