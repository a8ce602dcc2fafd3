// The record of a run: one JSON report entry per row (what CI archives and scripts read) and
// a Markdown digest for $GITHUB_STEP_SUMMARY. Built from the tasks alone, so the same object
// serves --json, the human summary and the files.
import { relative } from 'node:path';
import { formatElapsed } from '../poll/poller.js';
import type { RowError } from './journal.js';
import type { LockState } from './lock-format.js';
import type { LockCheck } from './lock-reconcile.js';
import type { Task } from './tasks.js';
import type { ManifestProblem } from './manifest.js';

/** The lock part of a report or plan. */
export function lockSummary(file: string, tasks: Task[], check: LockCheck): LockSummary {
  const rows: Record<LockState, number> = { up_to_date: 0, changed: 0, new: 0, missing: 0 };
  for (const task of tasks) if (task.lock) rows[task.lock] += 1;
  return { file, rows, stale: check.stale.map((s) => s.row), status_requests: check.statusRequests };
}

/** `unknown`: a create whose answer never came; the next run sends the same key (no second charge). */
export type RowStatus = 'done' | 'failed' | 'rendered' | 'download_failed' | 'rendering' | 'queued' | 'unknown';

export interface ReportRow {
  row: string;
  line: number;
  label?: string;
  status: RowStatus;
  video_id?: string;
  file?: string;
  sha256?: string;
  bytes?: number;
  attempt: number;
  idempotency_key: string;
  error?: RowError;
  download_error?: RowError;
  /** Finished in an earlier run; nothing was done for it this time. */
  earlier?: boolean;
  /** Why the row was rendered or downloaded again (the lock's video was deleted, the file changed...). */
  note?: string;
  /** What the lock said before this run: up_to_date, changed, new, missing (on HeyGen). */
  lock?: LockState;
}

export interface LockSummary {
  file: string;
  /** Rows by what the lock said before this run. */
  rows: Record<LockState, number>;
  /** Lock rows the manifest no longer has (kept unless --prune). */
  stale: string[];
  /** Their videos were looked up on HeyGen (bulk status requests). */
  status_requests: number;
}

export interface BatchReport {
  version: 1;
  manifest: string;
  batch_id: string;
  shard: string | null;
  journal: string;
  out: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  outcome: 'succeeded' | 'failed' | 'incomplete';
  stopped: string;
  exit_code: number;
  totals: Record<RowStatus, number> & { rows: number; manifest_rows: number; other_shards: number };
  stats: Record<string, number | null>;
  /** null with --no-lock. */
  lock: LockSummary | null;
  rows: ReportRow[];
  /** --skip-invalid: the problems of the rows left out, one per problem. */
  skipped?: ManifestProblem[];
}

export function rowStatus(task: Task): RowStatus {
  switch (task.phase) {
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    case 'completed':
      return task.downloadError ? 'download_failed' : 'rendered';
    case 'rendering':
    case 'downloading':
      return 'rendering';
    default:
      return task.videoId ? 'rendering' : 'queued';
  }
}

export function reportRow(task: Task): ReportRow {
  const { row } = task;
  return {
    row: row.key,
    line: row.line,
    ...(row.label !== undefined ? { label: row.label } : {}),
    status: rowStatus(task),
    ...(task.videoId ? { video_id: task.videoId } : {}),
    ...(task.file ? { file: task.file } : {}),
    ...(task.sha256 ? { sha256: task.sha256 } : {}),
    ...(task.bytes !== undefined ? { bytes: task.bytes } : {}),
    attempt: task.attempt,
    idempotency_key: task.key,
    ...(task.error ? { error: task.error } : {}),
    ...(task.downloadError ? { download_error: task.downloadError } : {}),
    ...(task.earlier ? { earlier: true } : {}),
    ...(task.note ? { note: task.note } : {}),
    ...(task.lock ? { lock: task.lock } : {}),
  };
}

export function countStatuses(rows: ReportRow[]): Record<RowStatus, number> {
  const totals: Record<RowStatus, number> = { done: 0, failed: 0, unknown: 0, rendered: 0, download_failed: 0, rendering: 0, queued: 0 };
  for (const row of rows) totals[row.status] += 1;
  return totals;
}

const MAX_LISTED = 50;

/** GitHub-flavoured Markdown: counts, then the rows that need attention. */
export function markdownSummary(report: BatchReport, cwd: string): string {
  const t = report.totals;
  const shard = report.shard ? ` (shard ${report.shard})` : '';
  const icon = report.outcome === 'succeeded' ? '✅' : report.outcome === 'failed' ? '❌' : '⏸️';
  const lines = [
    `### ${icon} twin batch: \`${relative(cwd, report.manifest) || report.manifest}\`${shard}`,
    '',
    `${t.rows} rows in ${formatElapsed(report.duration_ms)} · exit code ${report.exit_code}`,
    '',
    '| status | rows |',
    '|---|---:|',
    ...(['done', 'failed', 'unknown', 'download_failed', 'rendered', 'rendering', 'queued'] as const)
      .filter((s) => t[s] > 0)
      .map((s) => `| ${s.replace('_', ' ')} | ${t[s]} |`),
  ];
  const attention = report.rows.filter((r) => r.status === 'failed' || r.status === 'unknown' || r.status === 'download_failed');
  if (attention.length > 0) {
    lines.push('', '| line | row | video | error |', '|---:|---|---|---|');
    for (const r of attention.slice(0, MAX_LISTED)) {
      const error = r.error ?? r.download_error;
      lines.push(
        `| ${r.line} | ${cell(r.label ?? r.row)} | ${r.video_id ?? ''} | ${cell(error ? `${error.code}: ${error.message}` : '')} |`,
      );
    }
    if (attention.length > MAX_LISTED)
      lines.push('', `…and ${attention.length - MAX_LISTED} more in \`${relative(cwd, report.journal)}\`.`);
    if (t.failed > 0) lines.push('', 'Run the same command with `--retry-failed` to render the failed rows again.');
    if (t.unknown > 0)
      lines.push(
        '',
        'Run the same command again for the rows whose create got no answer: it sends the same idempotency keys, so HeyGen answers with the video it made (no second charge).',
      );
    if (t.download_failed > 0) lines.push('', 'Run the same command again to retry the downloads (nothing is rendered twice).');
  }
  return `${lines.join('\n')}\n\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
