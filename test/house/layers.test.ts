// The layer order of src/README.md is a machine's job: the lint rule (dependency-cruiser,
// .dependency-cruiser.cjs) must reject an upward import, a cycle and a sandbox import of product
// code, and accept the same tree without them. Run on a small tree of its own, then on src/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function cruise(files: Record<string, string>): { code: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'twin-layers-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(process.execPath, [depcruise, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const leaf = { 'src/shared/leaf.ts': 'export const leaf = 1;\n' };

describe('the layer rule', () => {
  it('accepts imports that go down the order', () => {
    const r = cruise({
      ...leaf,
      'src/core/video/rule.ts': "import { leaf } from '../../shared/leaf.js';\nexport const rule = leaf;\n",
      'src/commands/video/create.ts': "import { rule } from '../../core/video/rule.js';\nexport const create = rule;\n",
    });
    expect(r.out).toContain('no dependency violations');
    expect(r.code).toBe(0);
  });

  it('rejects an upward import (core → commands), naming the rule and both files', () => {
    const r = cruise({
      'src/commands/options.ts': 'export const toFlag = (s: string) => s;\n',
      'src/core/video/request.ts': "import { toFlag } from '../../commands/options.js';\nexport const x = toFlag('a');\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/no-upward-import-from-core: src\/core\/video\/request\.ts → src\/commands\/options\.ts/);
  });

  it('rejects a cycle, type-only imports included', () => {
    const r = cruise({
      'src/api/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
      'src/api/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/no-cycle/);
  });

  it('keeps the sandbox apart from the product: shared only', () => {
    const r = cruise({
      ...leaf,
      'src/core/media/upload.ts': 'export const upload = 1;\n',
      'src/sandbox/assets.ts':
        "import { upload } from '../core/media/upload.js';\nimport { leaf } from '../shared/leaf.js';\nexport const a = upload + leaf;\n",
    });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/sandbox-stands-apart: src\/sandbox\/assets\.ts → src\/core\/media\/upload\.ts/);
    expect(r.out).not.toMatch(/src\/sandbox\/assets\.ts → src\/shared\/leaf\.ts/);
  });
});

describe('src/', () => {
  it('keeps the order: no upward import, no cycle', () => {
    const out = execFileSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toContain('no dependency violations');
  });
});

describe('file size', () => {
  it('no source file is over 300 lines: a longer one is usually two files', () => {
    const long: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'fixtures') walk(path);
        } else if (/\.(ts|mjs|cjs)$/.test(entry.name)) {
          const lines = readFileSync(path, 'utf8').split('\n').length - 1;
          if (lines > 300) long.push(`${relative(root, path)}: ${lines}`);
        }
      }
    };
    walk(join(root, 'src'));
    expect(long).toEqual([]);
  });
});
