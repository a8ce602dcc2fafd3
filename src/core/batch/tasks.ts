// A planned row plus what the journal says about it: where a re-run picks up. A row whose
// content changed since it was journaled starts over as a new video; a row that was being
// submitted when the process died is sent again with the same Idempotency-Key, which the API
// answers with the video it already made.
import type { JournalEntry, RowError } from './journal.js';
import type { LockState } from './lock-format.js';
import { attemptKey } from './keys.js';
import type { PlannedRow } from './plan-types.js';
import type { PollPlan } from '../poll/schedule.js';

/** `unknown`: a create whose answer never came; the row keeps its key for the next run. */
export type Phase = 'queued' | 'submitting' | 'rendering' | 'downloading' | 'completed' | 'done' | 'failed' | 'unknown';

export interface Task {
  row: PlannedRow;
  attempt: number;
  /** Idempotency-Key of this attempt's create. */
  key: string;
  phase: Phase;
  videoId?: string;
  /** When our create returned in this run (for render-time estimates). */
  submittedAt?: number;
  file?: string;
  sha256?: string;
  bytes?: number;
  error?: RowError;
  downloadError?: RowError;
  /** Finished (done or failed) in an earlier run. */
  earlier?: boolean;
  /** Submitted in an earlier run (or replayed), so its render time says nothing. */
  resumed?: boolean;
  /** The state last written to the journal in this run. */
  recorded?: JournalEntry['state'];
  /** Creates of this run whose outcome was unknown (sent again with the same key). */
  unknownTries?: number;
  /** A file at the row's target may be replaced (checked before the run: ours, or --force). */
  overwrite?: boolean;
  /** The SHA-256 the download must have (from the lock file). */
  expectedSha256?: string;
  /** Why this row is downloaded again or rendered again, for the plan and the report. */
  note?: string;
  /** When the render was seen finished (the lock's rendered_at). */
  renderedAt?: string;
  /** What the lock file says about the row (undefined with --no-lock). */
  lock?: LockState;
  /** The render's time from create to completion in seconds, when this run saw both (the lock's render_seconds). */
  renderSeconds?: number;
  /** When to ask about this render from the time the create returned (row-timing.ts); undefined: the PollClock's beat. */
  plan?: PollPlan;
  /** When this row wants its next status read (engine clock ms). */
  nextAt?: number;
}

export interface ResumeOptions {
  download: boolean;
  retryFailed: boolean;
}

export function resumeTask(row: PlannedRow, entry: JournalEntry | undefined, opts: ResumeOptions): Task {
  // The lock's slot from the start: set later on each of 100,000 tasks, it would need a property store of its own.
  const fresh = (attempt: number): Task => ({ row, attempt, key: attemptKey(row.baseKey, attempt), phase: 'queued', lock: undefined });
  // Nothing known, or the row was edited: a new video (attempts restart, so do keys).
  if (!entry || entry.base !== row.baseKey) return fresh(0);
  const base: Task = { row, attempt: entry.attempt, key: entry.key, phase: 'queued', videoId: entry.video_id, resumed: true };
  switch (entry.state) {
    case 'submitting':
    case 'create_unknown':
      // Sent again with the same key, --retry-failed or not: the API replays what it made.
      return { ...base, ...(entry.error ? { note: `create outcome unknown: ${entry.error.message}` } : {}) };
    case 'rendering':
      return entry.video_id ? { ...base, phase: 'rendering' } : base;
    case 'failed':
      if (opts.retryFailed) return fresh(entry.attempt + 1);
      return { ...base, phase: 'failed', error: entry.error, earlier: true };
    case 'downloaded':
      // Done, if its file is still what was saved: verifyDoneFiles checks the bytes.
      if (opts.download && entry.file)
        return { ...base, phase: 'done', file: entry.file, sha256: entry.sha256, bytes: entry.bytes, earlier: true, renderedAt: entry.at };
      return afterRender({ ...base, file: entry.file }, opts);
    case 'completed':
      return afterRender({ ...base, downloadError: entry.download_error, renderedAt: entry.at }, opts);
    default:
      return base;
  }
}

/** A finished render: download it (again), or it is done when downloads are off. */
function afterRender(task: Task, opts: ResumeOptions): Task {
  if (!opts.download) return { ...task, phase: 'done', earlier: true };
  return { ...task, phase: 'completed' };
}

/** What a task's row looks like in the journal right now. */
export function journalEntry(task: Task, state: JournalEntry['state'], at: string): JournalEntry {
  const { row } = task;
  return {
    row: row.key,
    line: row.line,
    ...(row.label !== undefined ? { label: row.label } : {}),
    base: row.baseKey,
    attempt: task.attempt,
    key: task.key,
    state,
    ...(task.videoId ? { video_id: task.videoId } : {}),
    ...(task.file ? { file: task.file } : {}),
    ...(task.sha256 ? { sha256: task.sha256 } : {}),
    ...(task.bytes !== undefined ? { bytes: task.bytes } : {}),
    ...(task.error ? { error: task.error } : {}),
    ...(task.downloadError ? { download_error: task.downloadError } : {}),
    at,
  };
}

/** How many tasks are in each phase (the live view's counters). */
export function countPhases(tasks: readonly Task[]): Record<Phase, number> {
  const counts: Record<Phase, number> = {
    queued: 0,
    submitting: 0,
    rendering: 0,
    downloading: 0,
    completed: 0,
    done: 0,
    failed: 0,
    unknown: 0,
  };
  for (const task of tasks) counts[task.phase] += 1;
  return counts;
}
