// The use case "run a batch", with no terminal: plan (the manifest's rows checked, the sample
// picked, where each row stands in the journal, on disk and in the lock, the budget), run (the
// engine, journaled, the lock and the review facts kept as rows finish), finish (the exit code,
// the review page, the report). `batch run`, `batch status` and the library's runBatch share it;
// what the terminal shows goes through the hooks.
import type { HeyGenClient } from '../api/index.js';
import { checkBudget, planBudget, RenderLimitReached, type Budget, type BudgetLimits } from '../core/batch/budget.js';
import { checkUnknownLengths } from '../core/batch/budget-unknown.js';
import type { BatchEvent } from '../core/batch/engine-types.js';
import type { BatchEngine } from '../core/batch/engine.js';
import type { Shard } from '../core/batch/keys.js';
import { LOCKFILE_VERSION, type LockFile } from '../core/batch/lock-format.js';
import { readLock, type LockWriter } from '../core/batch/lock-store.js';
import { prepareBatch, type Prepared } from '../core/batch/prepare.js';
import { budgetJson, renderLimitError, type Balance } from '../core/batch/budget-report.js';
import type { BatchReport } from '../core/batch/report.js';
import { rowTiming, type RowTimingInput } from '../core/batch/row-timing.js';
import { runBatch as runPrepared, setupTasks, writeReport, type BatchOutcome, type Setup } from '../core/batch/run-batch.js';
import { ExitCode } from '../shared/errors.js';
import { downloadFile } from '../core/download/downloader.js';
import type { VideoInput } from '../core/video/request.js';
import type { ReviewSession } from './batch-review.js';
import type { ManifestProblem } from '../core/batch/manifest.js';
import { parseRowList } from '../core/batch/sample.js';
import { lockedTranslations } from '../core/batch/lock-format.js';
import { checkBatchLanguages, planTranslationBudget, translateAfterRun, type TranslationBudget } from './batch-translate-run.js';

/** The lock file as the plan reads it: none with --no-lock, an empty one before the first run. */
export function readBatchLock(lockPath: string | undefined): LockFile | undefined {
  return lockPath ? (readLock(lockPath) ?? { version: LOCKFILE_VERSION, rows: new Map() }) : undefined;
}

interface PlanBatchInput {
  manifest: string;
  identity: string;
  shard?: Shard;
  /** Values for the columns a row leaves empty. */
  defaults: Partial<VideoInput>;
  /** Looks and voices are checked with it; a dry run without a key has none. */
  api?: HeyGenClient;
  journalPath: string;
  outDir: string;
  download: boolean;
  retryFailed: boolean;
  lock?: LockFile;
  /** Keep each row's create body (a dry run needs none). */
  keepBodies: boolean;
  /** Collects each row's review facts and picks the sample (--sample / --rows). */
  review?: ReviewSession;
  sample?: number;
  rows?: string;
  /** --skip-invalid: rows with problems are left out (and listed in the report), not the whole run refused. */
  skipInvalid?: boolean;
  /** --max-renders / --max-minutes: the plan is refused (exit 2) beyond them. */
  limits?: BudgetLimits;
}

export interface BatchPlan {
  /** Every row of the shard. */
  all: Prepared;
  /** The rows this run renders (all, or the sample). */
  prepared: Prepared;
  /** Rows the run is limited to, or null for all of them. */
  sample: number | null;
  setup: Setup;
  budget?: Budget;
  /** --skip-invalid: the rows left out for their problems (the report lists them). */
  skipped: ManifestProblem[];
  /** The translations (translate_to) this run may pay for, at the rows' estimated lengths. */
  translations?: TranslationBudget;
}

/** Everything checked, nothing sent: what a run would do (and all `--dry-run` shows). */
export async function planBatch(input: PlanBatchInput): Promise<BatchPlan> {
  const { lock, review } = input;
  const locked = lock ? (key: string, fingerprint: string) => lock.rows.get(key)?.fingerprint === fingerprint : undefined;
  // Of the manifest's keys, only the lock's are kept: the ones a lock row is stale without.
  const tracked = (key: string) => lock?.rows.has(key) === true;
  const all = await prepareBatch({
    manifest: input.manifest,
    identity: input.identity,
    shard: input.shard,
    defaults: input.defaults,
    api: input.api,
    keepBodies: input.keepBodies,
    ...(review ? { onRow: review.onRow } : {}),
    tracked,
    ...(locked ? { locked } : {}),
    ...leaveOut(input),
  });
  await checkBatchLanguages(all.rows, input.api);
  const { prepared, sample } = review ? review.select(all, input.sample, input.rows) : { prepared: all, sample: null };
  // Where each row stands (journal, files on disk, lock): what the budget counts is what renders.
  const setup = await setupTasks({
    prepared,
    journalPath: input.journalPath,
    identity: input.identity,
    download: input.download,
    retryFailed: input.retryFailed,
    outDir: input.outDir,
    lock,
    api: input.api,
  });
  const budget = input.limits ? planBudget(setup.tasks, input.limits) : undefined;
  if (budget) checkBudget(budget);
  if (input.limits) checkUnknownLengths(setup.tasks, input.limits);
  const skipped = input.skipInvalid ? all.skipped : [];
  const held = lockedTranslations(lock);
  const translations = planTranslationBudget(setup.tasks, budget, (fp) => held.has(fp));
  return { all, prepared, sample, setup, ...(budget ? { budget } : {}), skipped, ...(translations ? { translations } : {}) };
}

/** Which row problems leave their row out: all with --skip-invalid; with --rows, those of rows not chosen. */
function leaveOut(input: PlanBatchInput): { leaveOut?: (problem: ManifestProblem) => boolean } {
  if (input.skipInvalid) return { leaveOut: () => true };
  if (input.rows === undefined) return {};
  const chosen = new Set(parseRowList(input.rows));
  // A row without an id or name cannot be chosen by --rows.
  return { leaveOut: (p) => p.row === undefined || !chosen.has(p.row) };
}

interface RunPlanInput {
  manifest: string;
  identity: string;
  shard?: Shard;
  journalPath: string;
  reportPath: string;
  outDir: string;
  concurrency: number;
  download: boolean;
  force: boolean;
  /** Stop (the journal keeps the place) at this time. */
  deadline?: number;
  lockPath?: string;
  /** Finished rows are recorded in the lock as they finish (none with --no-lock or --frozen-lock). */
  lockWriter?: LockWriter;
  api: HeyGenClient;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Called once the engine exists (the live view reads its counts). */
  onStart?: (engine: BatchEngine) => void;
  /** Keeps the review facts and counts the renders against `maxRenders`. */
  review?: ReviewSession;
  maxRenders?: number;
  /**
   * Times each row's polls (issue 28) from the lock's render_seconds, this user's render history
   * (`historyDir`, kept there too) and the run's finished rows; none: the PollClock's beat.
   */
  timing?: Omit<RowTimingInput, 'rows' | 'now'>;
}

/** Renders what the plan says, journaled; the report is the caller's to finish and write. */
export async function runPlan(plan: BatchPlan, input: RunPlanInput): Promise<BatchOutcome> {
  const { review } = input;
  const { lockWriter, onEvent, onStart } = input;
  const outcome = await runPrepared({
    manifest: input.manifest,
    identity: input.identity,
    shard: input.shard,
    prepared: plan.prepared,
    journalPath: input.journalPath,
    reportPath: input.reportPath,
    tasks: plan.setup.tasks,
    ...(lockWriter ? { lockWriter } : {}),
    lockPath: input.lockPath,
    ...(plan.setup.lockCheck ? { lockCheck: plan.setup.lockCheck } : {}),
    engine: {
      concurrency: input.concurrency,
      download: input.download,
      outDir: input.outDir,
      force: input.force,
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    },
    deps: {
      api: review ? review.api(input.api, input.maxRenders) : input.api,
      download: downloadFile,
      now: input.now,
      sleep: input.sleep,
      signal: input.signal,
      onEvent: review ? (e) => (review.onEvent(e), onEvent?.(e)) : onEvent,
    },
    ...(input.timing ? { timing: rowTiming({ ...input.timing, rows: plan.all.rows, now: input.now }) } : {}),
    ...(review || onStart ? { onStart: (engine: BatchEngine) => (review?.attach(engine.tasks), onStart?.(engine)) } : {}),
  });
  if (outcome.reason !== 'finished' || outcome.fatalError !== undefined || !plan.translations) return outcome;
  const held = lockedTranslations(readBatchLock(input.lockPath));
  try {
    const results = await translateAfterRun({
      tasks: plan.setup.tasks,
      api: input.api,
      identity: input.identity,
      journalPath: input.journalPath,
      outDir: input.outDir,
      now: input.now,
      sleep: input.sleep,
      signal: input.signal,
      locked: (fp) => held.has(fp),
      ...(lockWriter ? { record: (key, t) => lockWriter.recordTranslation(key, t.language, t) } : {}),
    });
    outcome.report.translations = results;
  } catch (error) {
    outcome.fatalError = error;
  }
  await lockWriter?.flush();
  return outcome;
}

interface FinishInput {
  manifest: string;
  identity: string;
  journalPath: string;
  reportPath: string;
  outDir: string;
  api: Pick<HeyGenClient, 'listVideos'>;
  signal: AbortSignal;
  review: ReviewSession;
  maxRenders?: number;
  lockWriter?: LockWriter;
  /** The balance the plan was weighed against (null: not known). */
  balance: Balance | null;
  /** The command that renders the rest after a sample (kept when a sample finished). */
  continueCommand: string;
}

interface Finished {
  report: BatchReport;
  reason: BatchOutcome['reason'];
  /** What ends the run with an error (the report is written first). */
  fatalError: unknown;
  page: string | undefined;
  /** After a finished sample: the command for the other rows. */
  next?: string;
}

/** After the run: the exit code, the videos' facts, the review page, and the report written. */
export async function finishRun(plan: BatchPlan, outcome: BatchOutcome, input: FinishInput): Promise<Finished> {
  const { report, reason } = outcome;
  const { review, lockWriter } = input;
  const limited = outcome.fatalError instanceof RenderLimitReached;
  const fatalError = limited
    ? renderLimitError(input.maxRenders!, report.totals.queued, input.journalPath, input.reportPath)
    : outcome.fatalError;
  report.exit_code = exitCodeFor(report, reason, fatalError ?? lockWriter?.error);
  // --skip-invalid: the valid rows rendered, but the manifest still needs fixing (exit 2, rows listed).
  if (plan.skipped.length > 0) {
    report.skipped = plan.skipped;
    if (report.exit_code === ExitCode.ok) report.exit_code = ExitCode.usage;
  }
  if (reason === 'finished') await review.fillVideoFacts(input.api, input.signal);
  const { outDir, journalPath, identity, manifest } = input;
  const page = await review.write({ outDir, journalPath, identity, manifest, sample: plan.sample, final: true });
  const next = plan.sample !== null && reason === 'finished' ? input.continueCommand : undefined;
  Object.assign(report, {
    budget: { ...budgetJson(plan.budget!, input.balance, plan.sample), renders_started: review.renders },
    review_page: page ?? null,
    ...(next ? { continue_command: next } : {}),
  });
  writeReport(input.reportPath, report);
  return { report, reason, fatalError, page, ...(next ? { next } : {}) };
}

/** 5 when a render failed (the rest still finished), 1 when only downloads failed. */
function exitCodeFor(report: BatchReport, reason: string, fatalError: unknown): number {
  if (fatalError !== undefined) return (fatalError as { exitCode?: number }).exitCode ?? ExitCode.api;
  if (reason === 'interrupted') return ExitCode.interrupted;
  if (reason === 'timeout') return ExitCode.timeout;
  if (report.totals.failed > 0 || report.translations?.some((t) => t.outcome === 'failed')) return ExitCode.renderFailed;
  if (report.totals.download_failed > 0 || report.totals.unknown > 0) return ExitCode.api;
  return ExitCode.ok;
}
