// Sample first: which rows a `--sample N` run renders (a stable, spread-out choice, so a re-run of
// the same sample job renders nothing new), or the rows `--rows` names.
import { UsageError } from '../../shared/errors.js';
import type { PlannedRow } from './plan-types.js';

/**
 * N rows spread evenly over the manifest (the middle of each of N equal stretches), in file
 * order: the first and last parts of a long manifest are both represented. It depends only on
 * the rows, so the same manifest always gives the same sample.
 */
export function chooseSample(rows: readonly PlannedRow[], n: number): Set<string> {
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  if (n >= sorted.length) return new Set(sorted.map((r) => r.key));
  const chosen = new Set<string>();
  for (let i = 0; i < n; i++) chosen.add(sorted[Math.floor(((i + 0.5) * sorted.length) / n)]!.key);
  return chosen;
}

/** The rows named by their id/name column (or key); every unknown name is listed (exit 2). */
export function chooseRows(rows: readonly PlannedRow[], names: readonly string[], sharded = false): Set<string> {
  const byName = new Map<string, string>();
  for (const row of rows) {
    byName.set(row.key, row.key);
    if (row.label !== undefined) byName.set(row.label, row.key);
  }
  const missing = names.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    const known = rows.slice(0, 5).map((r) => r.label ?? r.key);
    throw new UsageError(
      `--rows: no row named ${missing.map((m) => `"${m}"`).join(', ')} ${sharded ? ' in this shard of the manifest' : ' in this manifest'}.`,
      {
        flag: '--rows',
        suggestion: `Name rows by their id (or name) column, comma-separated${known.length ? `, e.g. --rows ${known.slice(0, 2).join(',')}` : ''}.`,
        details: { missing },
      },
    );
  }
  return new Set(names.map((name) => byName.get(name)!));
}

/** "a,b, c" → ['a','b','c'] without empties or repeats. */
export function parseRowList(text: string): string[] {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw new UsageError('--rows: needs at least one row id, e.g. --rows intro,outro.', { flag: '--rows' });
  return names;
}
