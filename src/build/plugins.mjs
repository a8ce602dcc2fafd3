// esbuild plugins for the build: they change how libraries are loaded, not what runs.
// - lazyBuiltins: Node built-ins that a library requires at load time but only uses on paths
//   twin never takes are loaded on first use instead: undici's HTTP/2 client (twin speaks
//   HTTP/1.1; node:http2 drags in tls, crypto and perf_hooks) and commander's child_process
//   (only for executable subcommands, which twin has none of), and node:crypto for twin's own
//   modules (ids and hashes, made after start-up). The HTTP/2 constants undici reads at load
//   time are copied in at build time.
// - vendorOnDemand: in the command line's script, the libraries that only some commands import
//   (always through import()) come from their own files in dist/vendor/, so the script V8
//   compiles and caches at every start holds only what most commands run.
// - undiciWithoutHttp: undici loads node:http at start-up for two facts it seldom needs; they
//   are read on use instead, so a command that only calls the API never loads node:http.
// - defaultOnlyBuiltins: chalk's `import process from 'node:process'` (and os, tty) get the module
//   itself, not a copy of its every property that esbuild's interop makes at start-up.
// - asciiOnly: makes the script plain ASCII, which V8 keeps as a one-byte string.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Which built-in, required from which package, loads lazily; `eager` are properties copied in at build time. */
const LAZY = [
  { builtin: 'http2', from: /[\\/]node_modules[\\/]undici[\\/]/, eager: { constants: require('node:http2').constants } },
  { builtin: 'child_process', from: /[\\/]node_modules[\\/]commander[\\/]/, eager: {} },
  // twin's own modules use crypto for ids, hashes and temp names, never at load time. They are
  // ES modules: they get a function of the same name for each of crypto's functions (no copy of
  // ~70 getters per importing module, which esbuild's interop for a CommonJS module makes: 1-2 ms
  // each at start-up). Importing anything else from node:crypto (a class, a constant) fails the build.
  { builtin: 'crypto', from: /[\\/]src[\\/](?!sandbox[\\/]).*\.ts$/, eager: {}, functionsOnly: true },
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
        if (rule.functionsOnly) return { loader: 'js', contents: forwardingFunctions(rule.builtin) };
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

/** An ES module with a function per function of the built-in (lower-case names), loading it on first call. */
function forwardingFunctions(builtin) {
  const real = require(`node:${builtin}`);
  const names = Object.keys(real).filter((name) => /^[a-z]\w*$/.test(name) && typeof real[name] === 'function');
  return (
    'let real;\n' +
    `const load = () => (real ??= require('node:${builtin}'));\n` +
    names.map((name) => `export function ${name}(...args) { return load().${name}(...args); }\n`).join('')
  );
}

/** Package imported with import() → the dist/vendor/<name>.cjs built from it. */
export const VENDOR = { ora: 'ora', inquirer: '@inquirer/prompts', conf: 'conf', 'csv-parse': 'csv-parse' };

export function vendorOnDemand() {
  const names = new Map(Object.entries(VENDOR).map(([name, specifier]) => [specifier, name]));
  return {
    name: 'vendor-on-demand',
    setup(build) {
      const filter = new RegExp(`^(${[...names.keys()].join('|')})$`); // plain names: no character to escape
      build.onResolve({ filter }, (args) => {
        if (args.kind !== 'dynamic-import')
          throw new Error(`${args.importer} imports ${args.path} statically: import() it, as it comes from dist/vendor/`);
        return { path: args.path, namespace: 'twin-vendor' };
      });
      build.onResolve({ filter: /^\.\/vendor\//, namespace: 'twin-vendor' }, (args) => ({ path: args.path, external: true }));
      // The same exports as the package, read from the vendor file with a plain require (no
      // import() in a vm.Script, and no default-export guessing between module systems).
      build.onLoad({ filter: /.*/, namespace: 'twin-vendor' }, async (args) => {
        const exported = Object.keys(await import(args.path)).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
        return {
          loader: 'js',
          contents:
            `const vendor = require('./vendor/${names.get(args.path)}.cjs');\n` +
            'export default vendor.default;\n' +
            exported.map((name) => `export const ${name} = vendor.${name};\n`).join(''),
        };
      });
    },
  };
}

/**
 * The few non-ASCII characters esbuild leaves (inside regular expressions) as \\u escapes, which
 * mean the same there and in strings; comments are gone already. A surrogate pair is written as
 * two escapes, which a /u expression reads as one code point.
 */
export function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Two edits to undici's own files, each of which must match exactly once (the build fails
 * otherwise, e.g. after an undici upgrade):
 * - core/util.js compares a stream's class with node:http's IncomingMessage when it destroys
 *   a stream: only a stream whose class is called IncomingMessage loads node:http to be sure;
 * - dispatcher/client.js reads node:http's maxHeaderSize, the --max-http-header-size option
 *   (16 KiB unless set): node:http loads only when that option is set.
 */
const UNDICI_EDITS = {
  'lib/core/util.js': [
    ["const { IncomingMessage } = require('node:http')\n", ''],
    [
      'Object.getPrototypeOf(stream).constructor === IncomingMessage',
      "Object.getPrototypeOf(stream).constructor?.name === 'IncomingMessage' && Object.getPrototypeOf(stream).constructor === require('node:http').IncomingMessage",
    ],
  ],
  'lib/dispatcher/client.js': [
    [
      "const http = require('node:http')\n",
      "const http = { get maxHeaderSize () { return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('--max-http-header-size')) ? require('node:http').maxHeaderSize : 16 * 1024 } }\n",
    ],
  ],
};

export function undiciWithoutHttp() {
  return {
    name: 'undici-without-http',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/](core[\\/]util|dispatcher[\\/]client)\.js$/ }, async (args) => {
        const file = Object.keys(UNDICI_EDITS).find((name) => args.path.replaceAll('\\', '/').endsWith(`/undici/${name}`));
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of UNDICI_EDITS[file]) {
          if (text.split(from).length !== 2)
            throw new Error(`undici's ${file} changed: "${from.trim()}" is not there once; update UNDICI_EDITS in src/build/plugins.mjs`);
          text = text.replace(from, () => to);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

/**
 * Node's built-ins that chalk imports by default (`import process from 'node:process'`): an ES
 * module whose default export is the built-in itself. esbuild would otherwise wrap the CommonJS
 * module in a new object with a getter per property (process has ~100): 1 ms at every start.
 * A named import from them fails the build.
 */
export function defaultOnlyBuiltins() {
  return {
    name: 'default-only-builtins',
    setup(build) {
      build.onResolve({ filter: /^node:(process|os|tty)$/ }, (args) =>
        /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: args.path, namespace: 'twin-default-builtin' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'twin-default-builtin' }, (args) => ({
        loader: 'js',
        contents: `export default require('${args.path}');\n`,
      }));
    },
  };
}
