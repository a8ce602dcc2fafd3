// esbuild plugins for the build: they change how libraries are loaded, not what runs.
// - zodNamespace: `import { z } from 'zod'` becomes a namespace import of zod's classic API
//   module. Same `z`, same code, but a namespace import is one esbuild can tree-shake, so the 64
//   locales (and JSON Schema, compile...) that `z` re-exports stay out of the bundle (the zod
//   chunk: 756 KB → ~200 KB). Tests run the sources as written; only the bundle changes.
// - lazyBuiltins: Node built-ins that a library requires at load time but only uses on paths
//   twin never takes are loaded on first use instead: undici's HTTP/2 client (twin speaks
//   HTTP/1.1; node:http2 drags in tls, crypto and perf_hooks) and commander's child_process
//   (only for executable subcommands, which twin has none of), and node:crypto for twin's own
//   modules (ids and hashes, made after start-up). The HTTP/2 constants undici reads at load
//   time are copied in at build time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const IMPORT = /^import \{ z \} from 'zod';$/m;

export function zodNamespace() {
  const classic = JSON.stringify(join(dirname(require.resolve('zod/package.json')), 'v4', 'classic', 'external.js'));
  return {
    name: 'zod-namespace',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!IMPORT.test(source)) return undefined;
        return { contents: source.replace(IMPORT, `import * as z from ${classic};`), loader: 'ts' };
      });
    },
  };
}

/** Which built-in, required from which package, loads lazily; `eager` are properties copied in at build time. */
const LAZY = [
  { builtin: 'http2', from: /[\\/]node_modules[\\/]undici[\\/]/, eager: { constants: require('node:http2').constants } },
  { builtin: 'child_process', from: /[\\/]node_modules[\\/]commander[\\/]/, eager: {} },
  // twin's own modules use crypto for ids, hashes and temp names, never at load time.
  { builtin: 'crypto', from: /[\\/]src[\\/](?!sandbox[\\/]).*\.ts$/, eager: {} },
];

export function lazyBuiltins() {
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter: /^(node:)?(http2|child_process|crypto)$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        const rule = LAZY.find((r) => r.builtin === name && r.from.test(args.importer));
        return rule ? { path: name, namespace: 'twin-lazy-builtin' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'twin-lazy-builtin' }, (args) => {
        const rule = LAZY.find((r) => r.builtin === args.path);
        // Every export of the real module, as a getter that loads it (esbuild's ESM interop
        // copies the names, so they must all be there up front); `eager` ones are plain values.
        const lazy = Object.keys(require(`node:${rule.builtin}`)).filter((name) => !(name in rule.eager));
        return {
          loader: 'js',
          contents:
            'let real;\n' +
            `const load = () => (real ??= require('node:${rule.builtin}'));\n` +
            `const lazy = ${JSON.stringify(rule.eager)};\n` +
            `for (const name of ${JSON.stringify(lazy)}) Object.defineProperty(lazy, name, { enumerable: true, get: () => load()[name] });\n` +
            'module.exports = lazy;\n',
        };
      });
    },
  };
}
