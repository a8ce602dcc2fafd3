// Bundles src/ into dist/: one entry file for start-up, lazy chunks for each command,
// npm packages left external so they load only when a command imports them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { writeNotices } from './build-notices.mjs';
import { fileURLToPath } from 'node:url';
import { lazyBuiltins, zodNamespace } from './build-plugins.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts', index: 'src/index.ts', sandbox: 'src/sandbox/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Dependencies are bundled too: resolving hundreds of files of undici and zod at start-up
  // cost more than running them (measured with --cpu-prof). CJS inside ESM needs `require`.
  banner: { js: "import { createRequire as __twinCreateRequire } from 'node:module'; const require = __twinCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  define: { __TWIN_VERSION__: JSON.stringify(version) },
  loader: { '.mp4': 'file', '.srt': 'text' },
  plugins: [zodNamespace(), lazyBuiltins()],
  metafile: true,
});
// The licences of what was bundled travel with the package (it has no dependencies to carry them).
writeNotices(root, result.metafile, `${root}/dist/THIRD-PARTY-NOTICES.md`);

// --types: the library's declarations (dist/types) for `import … from 'heygen-twin'`; run by
// `npm pack` (prepack). Left out of the plain build the tests run, as tsc takes a while.
if (process.argv.includes('--types')) (await import('./build-types.mjs')).buildTypes(root);
