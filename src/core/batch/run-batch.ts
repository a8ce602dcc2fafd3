// One run of a prepared batch: resume every row from the journal, run the engine, write the
// report. The command around it owns flags and output; this owns files and order.
import { dirname } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';
import type { HeyGenClient } from '../../api/index.js';
import { BatchEngine } from './engine.js';
import type { BatchEvent, EngineDeps, EngineOptions, StopReason } from './engine-types.js';
import { JournalWriter, readJournal, type JournalContents } from './journal.js';
import { shardLabel, type Shard } from './keys.js';
import type { Prepared } from './prepare.js';
import { countStatuses, lockSummary, reportRow, type BatchReport } from './report.js';
import { resumeTask, type ResumeOptions, type Task } from './tasks.js';
import type { LockFile } from './lock-format.js';
import { reconcileLock, type LockCheck } from './lock-reconcile.js';
import type { LockWriter } from './lock-store.js';
import { foreignFiles, verifyDoneFiles, type ForeignFile } from './out-files.js';
import { planCreated, timeCompleted, type RowTiming } from './row-timing.js';

interface RunBatchInput {
  manifest: string;
  identity: string;
  shard?: Shard;
  prepared: Prepared;
  journalPath: string;
  reportPath: string;
  tasks: Task[];
  engine: EngineOptions;
  /** Finished rows are recorded here as they finish. */
  lockWriter?: LockWriter;
  lockPath?: string;
  lockCheck?: LockCheck;
  deps: Omit<EngineDeps, 'journal'>;
  /** Called once the engine exists (the live view reads its counts). */
  onStart?: (engine: BatchEngine) => void;
  /** Each created row's own poll plan and the run's learning (row-timing.ts); none: the PollClock's beat. */
  timing?: RowTiming;
}

export interface BatchOutcome {
  report: BatchReport;
  reason: StopReason;
  fatalError?: unknown;
}

/** The journal's rows resumed as tasks (also what --dry-run shows). */
async function resumeTasks(
  prepared: Prepared,
  journalPath: string,
  identity: string,
  opts: ResumeOptions,
): Promise<{ tasks: Task[]; journal: JournalContents }> {
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

interface SetupInput {
  prepared: Prepared;
  journalPath: string;
  identity: string;
  download: boolean;
  retryFailed: boolean;
  outDir: string;
  /** The lock file read before the run (undefined: --no-lock, or none yet). */
  lock?: LockFile;
  /** Looks up the lock's videos; a dry run without a key has none. */
  api?: Pick<HeyGenClient, 'getVideoStatuses'>;
}

export interface Setup {
  tasks: Task[];
  /** Done rows whose file was missing or changed on disk (downloaded again). */
  redownloads: number;
  lockCheck?: LockCheck;
  /** Files in the way that this batch did not write (the run stops without --force). */
  foreign: ForeignFile[];
}

/** Where every row stands before anything is sent: journal, files on disk, then the lock. */
export async function setupTasks(input: SetupInput): Promise<Setup> {
  const { tasks } = await resumeTasks(input.prepared, input.journalPath, input.identity, {
    download: input.download,
    retryFailed: input.retryFailed,
  });
  const redownloads = input.download ? await verifyDoneFiles(tasks) : 0;
  const lockCheck = input.lock
    ? await reconcileLock({
        tasks,
        lock: input.lock,
        keys: input.prepared.keys,
        api: input.api,
        outDir: input.outDir,
        download: input.download,
      })
    : undefined;
  const foreign = input.download ? await foreignFiles(tasks, input.outDir, input.lock) : [];
  return { tasks, redownloads, ...(lockCheck ? { lockCheck } : {}), foreign };
}

/** Rows a run would render (a create that costs a credit), and why. */
export function rowsToRender(tasks: Task[]): Task[] {
  return tasks.filter((t) => t.phase === 'queued' && !t.resumed);
}

export async function runBatch(input: RunBatchInput): Promise<BatchOutcome> {
  const { deps, prepared } = input;
  const { tasks, lockWriter } = input;
  // Rows finished before (the journal's, the lock's) that the lock lacks or has older.
  for (const task of tasks) if (task.phase === 'done') lockWriter?.record(task);
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
  const onEvent = (event: BatchEvent) => {
    if (event.type === 'submitted') planCreated(event.task, input.timing);
    if (event.type === 'rendered') timeCompleted(event.task, deps.now(), input.timing);
    if (event.type === 'downloaded' || event.type === 'rendered') lockWriter?.record(event.task);
    deps.onEvent?.(event);
  };
  const engine = new BatchEngine(tasks, { ...deps, journal, onEvent }, input.engine);
  input.onStart?.(engine);
  let reason: StopReason;
  try {
    reason = await engine.run();
  } finally {
    await journal.close();
    await lockWriter?.flush();
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
    lock: input.lockPath && input.lockCheck ? lockSummary(input.lockPath, tasks, input.lockCheck) : null,
    rows,
  };
  return { report, reason, fatalError: engine.fatalError };
}

/** Written whole or not at all: a reader never sees half a report. */
export function writeReport(path: string, report: BatchReport): void {
  ensureDir(dirname(path));
  writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
}
