// The budget as the report, --json and $GITHUB_STEP_SUMMARY carry it, and the error of a run
// stopped at --max-renders. The balance is what GET /v3/users/me says (the caller reads it).
import { relative } from 'node:path';
import { ExitCode, TwinError } from '../../shared/errors.js';
import { balanceShortfall, describeBudget, type Budget } from './budget.js';

/** The account's balance as the budget weighs it (see commands/auth/who.ts describeBilling). */
export interface Balance {
  /** wallet | subscription | usage_based, or null when the API says nothing. */
  type: string | null;
  remaining: number | null;
  unit: string | null;
  summary: string;
}

/** The budget as --json and the report carry it. */
export function budgetJson(budget: Budget, balance: Balance | null, sample: number | null) {
  return {
    renders: budget.renders,
    estimated_seconds: budget.estimate.seconds,
    estimated_minutes: budget.estimate.minutes,
    rows_of_unknown_length: budget.estimate.unknown,
    max_renders: budget.max_renders,
    max_minutes: budget.max_minutes,
    cost_floor: budget.cost_floor,
    balance: balance ? { type: balance.type, remaining: balance.remaining, unit: balance.unit, summary: balance.summary } : null,
    balance_warning: balance ? (balanceShortfall(budget, balance) ?? null) : null,
    sample,
  };
}

/** The Markdown lines of the budget for $GITHUB_STEP_SUMMARY. */
export function budgetMarkdown(budget: Budget, balance: Balance | null, renders: number, page: string | undefined, cwd: string): string {
  const lines = [`**Budget:** ${describeBudget(budget)}; ${renders} new render${renders === 1 ? '' : 's'} started.`];
  if (balance && balance.remaining !== null) lines.push(`**Balance:** ${balance.summary}.`);
  if (page) lines.push(`**Review page:** \`${relative(cwd, page) || page}\``);
  return `${lines.join('\n\n')}\n\n`;
}

/** --max-renders passed on the way: what was done, and how to go on (exit 1; the journal keeps the place). */
export function renderLimitError(limit: number, left: number, journal: string, report: string): TwinError {
  return new TwinError(
    `Stopped at --max-renders ${limit}: ${left} row${left === 1 ? '' : 's'} not rendered (rows were rendered again that the plan did not count).`,
    {
      code: 'render_limit_reached',
      exitCode: ExitCode.api,
      suggestion: 'Check the report, then run the same command with a higher --max-renders to render the rest; nothing is rendered twice.',
      details: { journal, report, max_renders: limit },
    },
  );
}
