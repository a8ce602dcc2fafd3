// What `batch run` says on stderr around the flow: the key a dry run may go without, the budget
// and the balance before anything is sent, creates that got no answer, and the CI step summary.
import { appendFileSync } from 'node:fs';
import type { HeyGenClient } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { AuthError } from '../../shared/errors.js';
import { balanceShortfall, describeBudget, type Budget } from '../../core/batch/budget.js';
import { markdownSummary, type BatchReport } from '../../core/batch/report.js';
import { describeBilling, type BillingSummary } from '../../ui/account.js';
import type { TranslationBudget } from '../../flows/batch-translate-run.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** The client; a dry run without a key still checks everything that needs no network. */
export async function apiFor(ctx: Context, dryRun: boolean): Promise<HeyGenClient | undefined> {
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

/** The account's balance from GET /v3/users/me, or null when it cannot be had (never blocks a run). */
export async function fetchBalance(ctx: Context, api: Pick<HeyGenClient, 'getMe'> | undefined): Promise<BillingSummary | null> {
  if (!api) return null;
  try {
    return describeBilling(await api.getMe());
  } catch (error) {
    ctx.out.debug(`balance not available: ${(error as Error).message}`);
    return null;
  }
}

/** The plan's budget line on stderr, and a warning when the balance is clearly too small. */
export function announceBudget(
  ctx: Context,
  budget: Budget,
  balance: BillingSummary | null,
  sample: number | null,
  translations?: TranslationBudget,
): void {
  const scope = sample !== null ? ` (sample of ${sample} row${sample === 1 ? '' : 's'})` : '';
  ctx.out.info(`Budget${scope}: ${describeBudget(budget)}${balance && balance.remaining !== null ? ` · balance: ${balance.summary}` : ''}`);
  if (translations) ctx.out.info(describeTranslationBudget(translations));
  const short = balance ? balanceShortfall(budget, balance) : undefined;
  if (short) ctx.out.warn(short);
}

/** Creates that got no answer, on stderr in every mode: the key, and the command that re-sends it. */
export function warnUnanswered(ctx: Context, report: BatchReport, manifestArg: string): void {
  const unanswered = report.rows.filter((r) => r.status === 'unknown');
  if (unanswered.length === 0) return;
  for (const r of unanswered)
    ctx.out.warn(`line ${r.line} (${r.label ?? r.row}): the create got no answer; its idempotency key ${r.idempotency_key} is kept.`);
  ctx.out.warn(
    `Run \`${twinInvocation()} batch run ${manifestArg}\` again with the same flags: it re-sends these creates with the same keys, so HeyGen answers with any video it made and nothing is charged twice.`,
  );
}

/** The report in Markdown, appended to $GITHUB_STEP_SUMMARY when CI sets it. */
export function appendStepSummary(ctx: Context, report: BatchReport, extra = ''): void {
  const file = ctx.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, markdownSummary(report, ctx.cwd) + extra);
  } catch (error) {
    ctx.out.warn(`Could not append to $GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}`);
  }
}

/** "Translations: 4 after the renders, about 2.5 minutes of output, about $5.00 (estimate)." */
export function describeTranslationBudget(t: TranslationBudget): string {
  return `Translations: ${t.translations} after the renders, about ${t.minutes} minutes of output, about $${t.usd.toFixed(2)} (estimate).`;
}
