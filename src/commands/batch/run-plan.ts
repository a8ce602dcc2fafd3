// The plan of a batch run as the terminal sees it, shared by `batch run` and `batch status
// <manifest>` (its --dry-run): the lock read first (a damaged one stops here, before any
// request), the flow's plan, the budget and the balance on stderr, and a dry run's printout.
import { dirname } from 'node:path';
import type { HeyGenClient } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { ExitCode } from '../../shared/errors.js';
import { budgetJson } from '../../core/batch/budget-report.js';
import type { LockFile } from '../../core/batch/lock-format.js';
import { ReviewSession } from '../../flows/batch-review.js';
import { planBatch, readBatchLock, type BatchPlan } from '../../flows/batch-run.js';
import type { BillingSummary } from '../../ui/account.js';
import { checkSampleOptions } from './budget-options.js';
import { describeProblem } from '../../core/batch/prepare.js';
import type { RunSettings } from './run-options.js';
import { announceBudget, apiFor, fetchBalance } from './run-print.js';
import { printPlan } from './summary.js';

export interface PlannedRun {
  lock: LockFile | undefined;
  api: HeyGenClient | undefined;
  review: ReviewSession;
  plan: BatchPlan & { budget: NonNullable<BatchPlan['budget']> };
  balance: BillingSummary | null;
}

export async function planRun(ctx: Context, run: RunSettings): Promise<PlannedRun> {
  const { options } = run;
  const lock = readBatchLock(run.lockPath);
  const api = await apiFor(ctx, options.dryRun);
  checkSampleOptions(options);
  const review = new ReviewSession(!options.dryRun, dirname(run.manifest), { now: ctx.now, warn: (m) => ctx.out.warn(m) });
  const plan = await planBatch({
    manifest: run.manifest,
    identity: run.identity,
    ...(run.shard ? { shard: run.shard } : {}),
    defaults: run.defaults,
    ...(api ? { api } : {}),
    journalPath: run.journalPath,
    outDir: run.outDir,
    download: options.download,
    retryFailed: options.retryFailed,
    ...(lock ? { lock } : {}),
    keepBodies: !options.dryRun,
    review,
    ...(options.sample !== undefined ? { sample: options.sample } : {}),
    ...(options.rows !== undefined ? { rows: options.rows } : {}),
    skipInvalid: options.skipInvalid,
    limits: { maxRenders: run.maxRenders, maxMinutes: options.maxMinutes, assumeMinutes: options.assumeMinutes },
  });
  for (const warning of plan.all.warnings) ctx.out.warn(warning);
  if (plan.skipped.length > 0) {
    const lines = new Set(plan.skipped.map((p) => p.line)).size;
    ctx.out.warn(
      `--skip-invalid: leaving out ${lines} invalid row${lines === 1 ? '' : 's'}:\n  ${plan.skipped.map(describeProblem).join('\n  ')}`,
    );
  }
  const budget = plan.budget!;
  // Nothing to render (an up-to-date lock): no balance look-up either, only the bulk status check.
  const balance = budget.renders > 0 ? await fetchBalance(ctx, api) : null;
  announceBudget(ctx, budget, balance, plan.sample, plan.translations);
  return { lock, api, review, plan: { ...plan, budget }, balance };
}

/** --dry-run: the plan on stdout; nothing sent. */
export function printDryRun(ctx: Context, run: RunSettings, planned: PlannedRun): number {
  const { plan } = planned;
  printPlan(ctx, {
    manifest: run.manifest,
    identity: run.identity,
    shard: run.shard,
    prepared: plan.prepared,
    setup: plan.setup,
    lockPath: run.lockPath,
    journalPath: run.journalPath,
    outDir: run.outDir,
    concurrency: run.concurrency,
    download: run.options.download,
    budget: budgetJson(plan.budget, planned.balance, plan.sample),
    translations: plan.translations ?? null,
  });
  return ExitCode.ok;
}
