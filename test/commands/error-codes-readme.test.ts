// Every error code the CLI can print is in the README's table (issue 23, 13): the codes are
// read from the source (`code: '…'`, `?? '…'` fallbacks, ClientCode), not from a list kept by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/harness.js';
import { ClientCode } from '../../src/shared/errors.js';

/** Codes found that are no error code: a label of the human renderer, a batch row's own fallback. */
const NOT_ERROR_CODES = new Set(['code', 'error']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sandbox' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

it('the README lists every error code twin can print', () => {
  const codes = new Set<string>(Object.values(ClientCode));
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bcode: [\w?.]+ \?\? '([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bcode: apiCode \?\? '([a-z_]+)'/g)) codes.add(m[1]!);
  }
  for (const c of NOT_ERROR_CODES) codes.delete(c);
  expect(codes.size).toBeGreaterThan(30);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| code | who | meaning |'), readme.indexOf('## Environment variables'));
  const listed = new Set([...table.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]));
  expect([...codes].filter((c) => !listed.has(c)).sort()).toEqual([]);
});
