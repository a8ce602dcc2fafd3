// Where a batch run stands, from its journal alone: the runs, each state's count, the failed and
// unfinished rows (what `batch status <journal|dir>` prints and --json carries).
import { readJournal, type JournalEntry, type RowState } from './journal.js';

const STATES: RowState[] = ['downloaded', 'completed', 'rendering', 'submitting', 'failed'];

/** One journal summed up: its last run's header, the counts by state, the rows that need a look. */
export async function summarizeJournal(path: string) {
  const contents = await readJournal(path);
  const last = contents.runs.at(-1);
  const rows = [...contents.rows.values()];
  const counts = Object.fromEntries(STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as Record<RowState, number>;
  const planned = last?.rows ?? rows.length;
  return {
    journal: path,
    manifest: last?.manifest ?? null,
    shard: last?.shard ?? null,
    runs: contents.runs.length,
    last_run_at: last?.at ?? null,
    downloads: last?.download !== false,
    rows: planned,
    counts: { ...counts, not_started: Math.max(0, planned - rows.length) },
    torn_last_line: contents.torn,
    unreadable_lines: contents.badLines,
    failed: rows.filter((r) => r.state === 'failed').map(brief),
    unfinished: rows.filter((r) => r.state === 'submitting' || r.state === 'rendering' || r.state === 'completed').map(brief),
  };
}

function brief(entry: JournalEntry) {
  return {
    row: entry.label ?? entry.row,
    line: entry.line,
    state: entry.state,
    video_id: entry.video_id,
    error: entry.error ? `${entry.error.code}: ${entry.error.message}` : undefined,
  };
}
