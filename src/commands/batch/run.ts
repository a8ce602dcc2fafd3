// twin batch run <manifest>: flags → plan → run → print. The flow (flows/batch-run.ts) checks
// every row and renders them with the batch engine, resuming from the journal; this file asks
// what only a terminal can (files in the way, --prune), shows the live view, and prints.
import { dirname, relative } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { InterruptedError, WaitTimeoutError } from '../../shared/errors.js';
import { budgetMarkdown } from '../../core/batch/budget-report.js';
import { shardLabel } from '../../core/batch/keys.js';
import { LockWriter } from '../../core/batch/lock-store.js';
import { describeRename } from '../../core/batch/out-names.js';
import { rowsToRender } from '../../core/batch/run-batch.js';
import { finishRun, runPlan } from '../../flows/batch-run.js';
import { configDir } from '../../config/paths.js';
import { uploadManifestMedia } from '../../ui/media-upload.js';
import { uploadSceneRowsMedia } from '../../ui/batch-scenes-upload.js';
import type { CommandInput } from '../types.js';
import { checkFrozen, pruneStale, refuseForeignFiles } from './gates.js';
import { createLiveView } from './live-view.js';
import { checkOutputsWritable } from './outputs.js';
import { continueCommand, resolveRun } from './run-options.js';
import { planRun, printDryRun } from './run-plan.js';
import { appendStepSummary, warnUnanswered } from './run-print.js';
import { renderReport } from './summary.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const manifestArg = String(input.args[0]);
  const settings = await resolveRun(ctx, input);
  const { options, manifest, journalPath, reportPath, outDir, identity, lockPath } = settings;
  const planned = await planRun(ctx, settings);
  if (options.dryRun) return printDryRun(ctx, settings, planned);
  // Before paying: a lock (or journal, report, review page) that cannot be written stops here.
  checkOutputsWritable(settings);
  // Hear every row first; render later from exactly that audio (issue 26).
  if (options.audition) return (await import('./run-audition.js')).run(ctx, input.opts, settings, planned);
  const { plan, lock, review } = planned;
  const api = planned.api!;
  const { prepared, setup } = plan;

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
    { cache: options.cache, ...(plan.all.mediaSha256 ? { plannedSha256: plan.all.mediaSha256 } : {}) },
  );
  await uploadSceneRowsMedia(
    ctx,
    rowsToRender(setup.tasks).map((t) => t.row),
    dirname(manifest),
    { cache: options.cache },
  );

  const lockWriter = lockPath && !options.frozenLock ? new LockWriter(lockPath, lock) : undefined;
  if (options.prune && lockWriter && setup.lockCheck) {
    await pruneStale(ctx, api, setup.lockCheck.stale, lockWriter, {
      yes: options.yes,
      rerun: `${twinInvocation()} batch run ${manifestArg} --prune`,
    });
  }

  await review.write({ outDir, journalPath, identity, manifest, sample: plan.sample, final: false });
  const shardName = shardLabel(settings.shard);
  const view = createLiveView(ctx, {
    concurrency: settings.concurrency,
    ...(shardName ? { scope: `shard ${shardName} of ${prepared.total} rows` } : {}),
  });
  let outcome;
  try {
    outcome = await runPlan(plan, {
      manifest,
      identity,
      ...(settings.shard ? { shard: settings.shard } : {}),
      journalPath,
      reportPath,
      outDir,
      concurrency: settings.concurrency,
      download: options.download,
      force: options.force,
      ...(settings.timeoutMs !== undefined ? { deadline: ctx.now() + settings.timeoutMs } : {}),
      ...(lockPath ? { lockPath } : {}),
      ...(lockWriter ? { lockWriter } : {}),
      api,
      now: ctx.now,
      sleep: ctx.sleep,
      signal: ctx.signal,
      onEvent: view.onEvent,
      onStart: view.attach,
      review,
      ...(settings.maxRenders !== undefined ? { maxRenders: settings.maxRenders } : {}),
      // An interval the user set (TWIN_INTERVAL, the interval setting) keeps the fixed beat: rows get no plan of their own.
      timing: { lock, historyDir: configDir(ctx.env), fixedInterval: (await ctx.settings()).sources.interval !== 'default' },
    });
  } finally {
    view.stop();
  }

  const { report, reason, fatalError, page, next } = await finishRun(plan, outcome, {
    manifest,
    identity,
    journalPath,
    reportPath,
    outDir,
    api,
    signal: ctx.signal,
    review,
    ...(settings.maxRenders !== undefined ? { maxRenders: settings.maxRenders } : {}),
    ...(lockWriter ? { lockWriter } : {}),
    balance: planned.balance,
    continueCommand: continueCommand(manifestArg, input.opts),
  });
  appendStepSummary(ctx, report, budgetMarkdown(plan.budget, planned.balance, review.renders, page, ctx.cwd));
  if (page) ctx.out.info(`Review page: ${page}`);
  warnUnanswered(ctx, report, manifestArg);
  if (fatalError !== undefined) throw fatalError;
  if (lockWriter?.error) throw lockWriter.error;
  const details = { journal: journalPath, report: reportPath };
  const left = `with ${report.totals.done} of ${report.totals.rows} rows done; renders in flight go on at HeyGen.`;
  if (reason === 'interrupted') {
    throw new InterruptedError(`Stopped ${left}`, {
      suggestion: 'Run the same command again to continue; no row is rendered twice.',
      details,
    });
  }
  if (reason === 'timeout') {
    throw new WaitTimeoutError(`--timeout reached ${left}`, {
      suggestion: 'Run the same command again to continue where it stopped.',
      details,
    });
  }
  ctx.out.result(report, {
    human: (r, style) => renderReport(r, style, ctx.cwd, reportPath),
    quiet: (r) => r.rows.filter((row) => row.status === 'done').map((row) => row.video_id ?? row.row),
  });
  if (next)
    ctx.out.info(
      `Sample done: review ${page ?? 'the videos'}, then render the other ${plan.all.rows.length - prepared.rows.length} rows with:\n  ${next}`,
    );
  return report.exit_code;
}
