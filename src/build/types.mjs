// The library's declarations (dist/types) for `import … from 'heygen-twin'`: tsc emits them,
// then the type declarations of zod and undici, which the public types refer to, are copied
// into dist/types/vendor and the imports pointed there. The installed package has no
// dependencies, so a consumer's TypeScript would otherwise not find them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

// Each with the module kind of its own package: undici's declarations are CommonJS-style
// (imports without extensions), zod's are ES modules.
const VENDORED = { zod: ['node_modules/zod', 'module'], undici: ['node_modules/undici/types', 'commonjs'] };

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'src') yield* files(path);
    } else yield path;
  }
}

export function buildTypes(root) {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const { status } = spawnSync(process.execPath, [tsc, '-p', join(root, 'src/build/tsconfig.types.json')], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
  const out = join(root, 'dist/types');
  for (const [name, [from, type]] of Object.entries(VENDORED)) {
    mkdirSync(join(out, 'vendor', name), { recursive: true });
    writeFileSync(join(out, 'vendor', name, 'package.json'), `${JSON.stringify({ type })}\n`);
    for (const file of files(join(root, from))) {
      if (!file.endsWith('.d.ts')) continue;
      const target = join(out, 'vendor', name, relative(join(root, from), file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
  for (const file of files(out)) {
    if (!file.endsWith('.d.ts') || file.includes(`${sep}vendor${sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    // Subpaths too: the schemas import zod/mini and zod/locales.
    const fixed = text.replace(/from (['"])(zod|undici)((?:\/[\w.-]+)*)\1/g, (_m, q, name, subpath) => {
      let rel = relative(dirname(file), join(out, 'vendor', name, subpath, 'index.js'))
        .split(sep)
        .join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return `from ${q}${rel}${q}`;
    });
    if (fixed !== text) writeFileSync(file, fixed);
  }
}
