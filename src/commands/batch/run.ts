// twin batch run <manifest>: check every row, then render them all with the batch engine,
// resuming from the journal; report, summary and exit code at the end.
import { appendFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Context } from '../../ui/context.js';
import { AuthError, ExitCode, InterruptedError, UsageError, WaitTimeoutError } from '../../shared/errors.js';
import type { HeyGenClient } from '../../api/index.js';
import { batchIdentity, parseShard, shardLabel, type Shard } from '../../core/batch/keys.js';
import { prepareBatch } from '../../core/batch/prepare.js';
import { markdownSummary, type BatchReport } from '../../core/batch/report.js';
import { rowsToRender, runBatch, setupTasks, writeReport } from '../../core/batch/run-batch.js';
import { LOCKFILE_VERSION, type LockFile } from '../../core/batch/lock-format.js';
import { LockWriter, readLock } from '../../core/batch/lock-store.js';
import { describeRename } from '../../core/batch/out-names.js';
import { checkFrozen, pruneStale, refuseForeignFiles } from './gates.js';
import { downloadFile } from '../../core/download/downloader.js';
import { inputFromSettings, partialVideoInputSchema, VIDEO_INPUT_KEYS } from '../../core/video/request.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import { createLiveView } from './live-view.js';
import { uploadManifestMedia } from '../../ui/media-upload.js';
import { printPlan, renderReport } from './summary.js';
import { budgetOptions, checkSampleOptions } from './budget-options.js';
import {
  announceBudget,
  budgetJson,
  budgetMarkdown,
  continueCommand,
  fetchBalance,
  renderLimitError,
  ReviewSession,
} from './review-session.js';
import { checkBudget, planBudget, RenderLimitReached } from '../../core/batch/budget.js';
import * as z from '../../shared/zod-mini.js';

const optionsSchema = z.object({
  out: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a folder'))),
  journal: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a path'))),
  report: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a path'))),
  concurrency: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d+$/, 'must be a whole number from 1 to 1000')), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')),
  ),
  shard: z.optional(z.string()),
  batchId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,200}$/, 'may use only letters, digits and _ . : - (up to 200)'))),
  retryFailed: z._default(z.boolean(), false),
  download: z._default(z.boolean(), true),
  timeout: z.optional(z.string()),
  dryRun: z._default(z.boolean(), false),
  cache: z._default(z.boolean(), true),
  lock: z.optional(z.union([z.literal(false), z.string().check(z.trim(), z.minLength(1, 'needs a path'))])),
  frozenLock: z._default(z.boolean(), false),
  prune: z._default(z.boolean(), false),
  yes: z._default(z.boolean(), false),
  force: z._default(z.boolean(), false),
  ...budgetOptions,
});

const VIDEO_KEYS = new Set<string>(VIDEO_INPUT_KEYS);

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const batchOpts = Object.fromEntries(Object.entries(opts).filter(([k]) => !VIDEO_KEYS.has(k)));
  const videoOpts = Object.fromEntries(Object.entries(opts).filter(([k, v]) => VIDEO_KEYS.has(k) && v !== undefined));
  const options = parseOptions(optionsSchema, batchOpts);
  const flagDefaults = parseOptions(partialVideoInputSchema, videoOpts);
  const shard: Shard | undefined = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const timeoutMs = options.timeout !== undefined ? parseDuration(options.timeout, '--timeout') : undefined;

  const settings = await ctx.settings();
  const manifest = resolve(ctx.cwd, String(args[0]));
  const identity = batchIdentity(manifest, ctx.cwd, options.batchId);
  const outDir = resolve(ctx.cwd, options.out ?? settings.values['output-dir']);
  const suffix = shard && shard.count > 1 ? `.${shard.index}-of-${shard.count}` : '';
  const journalPath = options.journal ? resolve(ctx.cwd, options.journal) : join(outDir, `.twin-journal${suffix}.jsonl`);
  const reportPath = options.report ? resolve(ctx.cwd, options.report) : join(outDir, `twin-batch-report${suffix}.json`);
  const concurrency = options.concurrency ?? settings.values.concurrency;

  if (options.lock === false && (options.frozenLock || options.prune)) {
    throw new UsageError(`${options.frozenLock ? '--frozen-lock' : '--prune'} needs the lock file; it cannot be combined with --no-lock.`, {
      flag: '--no-lock',
    });
  }
  if (options.prune && (options.frozenLock || shardLabel(shard))) {
    throw new UsageError(`--prune cannot be combined with ${options.frozenLock ? '--frozen-lock' : '--shard'}.`, {
      flag: '--prune',
      suggestion: options.frozenLock
        ? 'Prune in a run that may change the lock.'
        : 'Prune once, after `twin batch lock merge`, in a run without --shard.',
    });
  }
  const lockPath = options.lock === false ? undefined : resolve(ctx.cwd, options.lock ?? `${manifest}.lock`);
  // Read before anything else: a damaged lock stops the run here, before any request.
  const lock = lockPath ? (readLock(lockPath) ?? emptyLock()) : undefined;

  // A dry run without a key still checks everything that needs no network.
  const api = await apiFor(ctx, options.dryRun);
  const defaults = { ...inputFromSettings(settings), ...flagDefaults };
  checkSampleOptions(options);
  const review = new ReviewSession(!options.dryRun, dirname(manifest));
  const locked = lock ? (key: string, fingerprint: string) => lock.rows.get(key)?.fingerprint === fingerprint : undefined;
  // Of the manifest's keys, only the lock's are kept: the ones a lock row is stale without.
  const tracked = (key: string) => lock?.rows.has(key) === true;
  const all = await prepareBatch({
    manifest,
    identity,
    shard,
    defaults,
    api,
    keepBodies: !options.dryRun,
    onRow: review.onRow,
    tracked,
    ...(locked ? { locked } : {}),
  });
  const { prepared, sample } = review.select(all, options.sample, options.rows);
  const maxRenders = options.maxRenders ?? settings.values['max-renders'];
  // Where each row stands (journal, files on disk, lock): what the budget counts is what renders.
  const setup = await setupTasks({
    prepared,
    journalPath,
    identity,
    download: options.download,
    retryFailed: options.retryFailed,
    outDir,
    lock,
    api,
  });
  const budget = planBudget(setup.tasks, { maxRenders, maxMinutes: options.maxMinutes });
  checkBudget(budget);
  // Nothing to render (an up-to-date lock): no balance look-up either, only the bulk status check.
  const balance = budget.renders > 0 ? await fetchBalance(ctx, api) : null;
  announceBudget(ctx, budget, balance, sample);

  if (options.dryRun) {
    printPlan(ctx, {
      manifest,
      identity,
      shard,
      prepared,
      setup,
      lockPath,
      journalPath,
      outDir,
      concurrency,
      download: options.download,
      budget: budgetJson(budget, balance, sample),
    });
    return ExitCode.ok;
  }
  refuseForeignFiles(ctx, setup.foreign, options.force);
  if (options.frozenLock) checkFrozen(relative(ctx.cwd, lockPath!) || lockPath!, rowsToRender(setup.tasks));
  for (const r of prepared.renames) ctx.out.info(`Note: ${describeRename(r)}.`);
  for (const t of setup.tasks)
    if (t.lock === 'missing' && t.note) ctx.out.info(`Note: line ${t.row.line} (${t.row.label ?? t.row.key}): ${t.note}.`);
  // Local audio/background files of the rows to create: each uploaded once, before the first create.
  await uploadManifestMedia(
    ctx,
    rowsToRender(setup.tasks).map((t) => t.row),
    dirname(manifest),
    { cache: options.cache },
  );

  const lockWriter = lockPath && !options.frozenLock ? new LockWriter(lockPath, lock) : undefined;
  if (options.prune && lockWriter && setup.lockCheck) {
    await pruneStale(ctx, api!, setup.lockCheck.stale, lockWriter, {
      yes: options.yes,
      rerun: `twin batch run ${String(args[0])} --prune`,
    });
  }

  await review.write(ctx, { outDir, journalPath, identity, manifest, sample, final: false });
  const shardName = shardLabel(shard);
  const view = createLiveView(ctx, { concurrency, ...(shardName ? { scope: `shard ${shardName} of ${prepared.total} rows` } : {}) });
  let outcome;
  try {
    outcome = await runBatch({
      manifest,
      identity,
      shard,
      prepared,
      journalPath,
      reportPath,
      tasks: setup.tasks,
      ...(lockWriter ? { lockWriter } : {}),
      lockPath,
      ...(setup.lockCheck ? { lockCheck: setup.lockCheck } : {}),
      engine: {
        concurrency,
        download: options.download,
        outDir,
        force: options.force,
        ...(timeoutMs !== undefined ? { deadline: ctx.now() + timeoutMs } : {}),
      },
      deps: {
        api: review.api(api!, maxRenders),
        download: downloadFile,
        now: ctx.now,
        sleep: ctx.sleep,
        signal: ctx.signal,
        onEvent: (e) => (review.onEvent(e), view.onEvent(e)),
      },
      onStart: (engine) => (review.attach(engine.tasks), view.attach(engine)),
    });
  } finally {
    view.stop();
  }

  const { report, reason } = outcome;
  const limited = outcome.fatalError instanceof RenderLimitReached;
  const fatalError = limited ? renderLimitError(maxRenders!, report.totals.queued, journalPath, reportPath) : outcome.fatalError;
  report.exit_code = exitCodeFor(report, reason, fatalError ?? lockWriter?.error);
  if (reason === 'finished') await review.fillVideoFacts(api!, ctx.signal);
  const page = await review.write(ctx, { outDir, journalPath, identity, manifest, sample, final: true });
  const next = sample !== null && reason === 'finished' ? continueCommand(String(args[0]), opts) : undefined;
  Object.assign(report, {
    budget: { ...budgetJson(budget, balance, sample), renders_started: review.renders },
    review_page: page ?? null,
    ...(next ? { continue_command: next } : {}),
  });
  writeReport(reportPath, report);
  appendStepSummary(ctx, report, budgetMarkdown(budget, balance, review.renders, page, ctx.cwd));
  if (page) ctx.out.info(`Review page: ${page}`);
  warnUnanswered(ctx, report, args);
  if (fatalError !== undefined) throw fatalError;
  if (lockWriter?.error) throw lockWriter.error;
  if (reason === 'interrupted') {
    throw new InterruptedError(
      `Stopped with ${report.totals.done} of ${report.totals.rows} rows done; renders in flight go on at HeyGen.`,
      {
        suggestion: 'Run the same command again to continue; no row is rendered twice.',
        details: { journal: journalPath, report: reportPath },
      },
    );
  }
  if (reason === 'timeout') {
    throw new WaitTimeoutError(
      `--timeout reached with ${report.totals.done} of ${report.totals.rows} rows done; renders in flight go on at HeyGen.`,
      {
        suggestion: 'Run the same command again to continue where it stopped.',
        details: { journal: journalPath, report: reportPath },
      },
    );
  }
  ctx.out.result(report, {
    human: (r, style) => renderReport(r, style, ctx.cwd, reportPath),
    quiet: (r) => r.rows.filter((row) => row.status === 'done').map((row) => row.video_id ?? row.row),
  });
  if (next)
    ctx.out.info(
      `Sample done: review ${page ?? 'the videos'}, then render the other ${all.rows.length - prepared.rows.length} rows with:\n  ${next}`,
    );
  return report.exit_code;
}

const emptyLock = (): LockFile => ({ version: LOCKFILE_VERSION, rows: new Map() });

async function apiFor(ctx: Context, dryRun: boolean): Promise<HeyGenClient | undefined> {
  try {
    return await ctx.api();
  } catch (error) {
    if (dryRun && error instanceof AuthError) {
      ctx.out.warn('No API key: looks and voices are not checked (only the rules that need no network).');
      return undefined;
    }
    throw error;
  }
}

/** 5 when a render failed (the rest still finished), 1 when only downloads failed. */
function exitCodeFor(report: BatchReport, reason: string, fatalError: unknown): number {
  if (fatalError !== undefined) return (fatalError as { exitCode?: number }).exitCode ?? ExitCode.api;
  if (reason === 'interrupted') return ExitCode.interrupted;
  if (reason === 'timeout') return ExitCode.timeout;
  if (report.totals.failed > 0) return ExitCode.renderFailed;
  if (report.totals.download_failed > 0 || report.totals.unknown > 0) return ExitCode.api;
  return ExitCode.ok;
}

/** Creates that got no answer, on stderr in every mode: the key, and the command that re-sends it. */
function warnUnanswered(ctx: Context, report: BatchReport, args: unknown[]): void {
  const unanswered = report.rows.filter((r) => r.status === 'unknown');
  if (unanswered.length === 0) return;
  for (const r of unanswered)
    ctx.out.warn(`line ${r.line} (${r.label ?? r.row}): the create got no answer; its idempotency key ${r.idempotency_key} is kept.`);
  ctx.out.warn(
    `Run \`twin batch run ${String(args[0])}\` again with the same flags: it re-sends these creates with the same keys, so HeyGen answers with any video it made and nothing is charged twice.`,
  );
}

function appendStepSummary(ctx: Context, report: BatchReport, extra = ''): void {
  const file = ctx.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, markdownSummary(report, ctx.cwd) + extra);
  } catch (error) {
    ctx.out.warn(`Could not append to $GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}`);
  }
}
