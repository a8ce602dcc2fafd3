// One run of a prepared batch: resume every row from the journal, run the engine, write the
// report. The command around it owns flags and output; this owns files and order.
import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../errors.js';
import { BatchEngine, type EngineDeps, type EngineOptions, type StopReason } from './engine.js';
import { JournalWriter, readJournal, type JournalContents } from './journal.js';
import { shardLabel, type Shard } from './keys.js';
import type { Prepared } from './prepare.js';
import { countStatuses, reportRow, type BatchReport } from './report.js';
import { resumeTask, type ResumeOptions, type Task } from './tasks.js';

export interface RunBatchInput {
  manifest: string;
  identity: string;
  shard?: Shard;
  prepared: Prepared;
  journalPath: string;
  reportPath: string;
  retryFailed: boolean;
  engine: EngineOptions;
  deps: Omit<EngineDeps, 'journal'>;
  /** Called once the engine exists (the live view reads its counts). */
  onStart?: (engine: BatchEngine) => void;
}

export interface BatchOutcome {
  report: BatchReport;
  reason: StopReason;
  fatalError?: unknown;
}

/** The journal's rows resumed as tasks (also what --dry-run shows). */
export async function resumeTasks(prepared: Prepared, journalPath: string, identity: string, opts: ResumeOptions): Promise<{ tasks: Task[]; journal: JournalContents }> {
  const journal = await readJournal(journalPath);
  const last = journal.runs.at(-1);
  if (last && last.identity !== identity) {
    throw new UsageError(`The journal ${journalPath} belongs to another batch (${last.identity.replace(/^(path|id):/, '')}).`, {
      flag: '--journal',
      suggestion: 'Pass --journal PATH (or another --out) for this manifest, or the same --batch-id as the run that wrote it.',
      details: { file: journalPath },
    });
  }
  const tasks = prepared.rows.map((row) => resumeTask(row, journal.rows.get(row.key), opts));
  return { tasks, journal };
}

export async function runBatch(input: RunBatchInput): Promise<BatchOutcome> {
  const { deps, prepared } = input;
  const { tasks } = await resumeTasks(prepared, input.journalPath, input.identity, { download: input.engine.download, retryFailed: input.retryFailed });
  const journal = JournalWriter.open(input.journalPath);
  const startedAt = deps.now();
  journal.append({
    type: 'run',
    version: 1,
    identity: input.identity,
    manifest: input.manifest,
    ...(shardLabel(input.shard) ? { shard: shardLabel(input.shard) } : {}),
    rows: tasks.length,
    download: input.engine.download,
    at: new Date(startedAt).toISOString(),
  });
  const engine = new BatchEngine(tasks, { ...deps, journal }, input.engine);
  input.onStart?.(engine);
  let reason: StopReason;
  try {
    reason = await engine.run();
  } finally {
    await journal.close();
  }
  const rows = tasks.map(reportRow);
  const totals = countStatuses(rows);
  const succeeded = totals.done === rows.length;
  const report: BatchReport = {
    version: 1,
    manifest: input.manifest,
    batch_id: input.identity,
    shard: shardLabel(input.shard) ?? null,
    journal: input.journalPath,
    out: input.engine.download ? input.engine.outDir : null,
    started_at: new Date(startedAt).toISOString(),
    finished_at: new Date(deps.now()).toISOString(),
    duration_ms: deps.now() - startedAt,
    outcome: succeeded ? 'succeeded' : reason === 'finished' ? 'failed' : 'incomplete',
    stopped: reason,
    exit_code: 0, // set by the command, which knows the whole story
    totals: { ...totals, rows: rows.length, manifest_rows: prepared.total, other_shards: prepared.total - rows.length },
    stats: {
      creates: engine.stats.creates,
      backoffs: engine.stats.backoffs,
      poll_cycles: engine.stats.pollCycles,
      status_requests: engine.stats.statusRequests,
      max_status_requests_per_cycle: engine.stats.maxRequestsPerCycle,
      render_estimate_ms: engine.clock.estimateMs ?? null,
      journal_writes: journal.stats.writes,
      journal_syncs: journal.stats.syncs,
      journal_sync_ms: Math.round(journal.stats.syncMs),
    },
    rows,
  };
  return { report, reason, fatalError: engine.fatalError };
}

/** Written whole or not at all: a reader never sees half a report. */
export function writeReport(path: string, report: BatchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(tmp, path);
}
