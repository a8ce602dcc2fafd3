// --max-minutes over rows whose length the plan cannot measure (audio by URL): counted as
// nothing they would let any number of renders through, so a cap refuses such a plan (exit 2,
// nothing sent) naming the rows, unless --assume-minutes says how long to count each of them.
import { UsageError } from '../../shared/errors.js';
import type { BudgetLimits } from './budget.js';
import type { Task } from './tasks.js';

const MAX_LISTED = 10;

/** Refuses a plan --max-minutes cannot bound; with --assume-minutes, the unknown rows count that long each. */
export function checkUnknownLengths(tasks: readonly Task[], limits: BudgetLimits): void {
  const max = limits.maxMinutes;
  if (max === undefined) return;
  const queued = tasks.filter((t) => t.phase === 'queued');
  const unknown = queued.filter((t) => (t.row.cost?.estimate.seconds ?? null) === null);
  if (unknown.length === 0) return;
  const rows = unknown.map((t) => ({ line: t.row.line, row: t.row.label ?? t.row.key }));
  const assume = limits.assumeMinutes;
  if (assume === undefined) {
    const listed = rows.slice(0, MAX_LISTED).map((r) => `  line ${r.line} (${r.row})`);
    if (rows.length > MAX_LISTED) listed.push(`  …and ${rows.length - MAX_LISTED} more`);
    throw new UsageError(
      `--max-minutes ${max} cannot bound this run: ${rows.length} row${rows.length === 1 ? ' has' : 's have'} no length twin can measure (audio by URL). Nothing was sent:\n${listed.join('\n')}`,
      {
        code: 'budget_unbounded',
        flag: '--max-minutes',
        suggestion:
          'Say how long to count each of them with --assume-minutes N (e.g. the longest audio), or use local audio files, whose length twin reads.',
        details: { max_minutes: max, unknown_rows: rows },
      },
    );
  }
  const known = queued.reduce((s, t) => s + (t.row.cost?.estimate.seconds ?? 0), 0) / 60;
  const total = Math.round((known + assume * unknown.length) * 10) / 10;
  if (total <= max) return;
  throw new UsageError(
    `This run would make about ${total} minutes of video (estimate, counting ${unknown.length} row${unknown.length === 1 ? '' : 's'} of unknown length as ${assume} minute${assume === 1 ? '' : 's'} each); --max-minutes allows ${max}. Nothing was sent.`,
    {
      code: 'budget_exceeded',
      flag: '--max-minutes',
      suggestion: 'Raise --max-minutes, or render part first with --sample N.',
      details: { minutes: total, max_minutes: max, assume_minutes: assume, unknown_rows: rows },
    },
  );
}
