// A render budget: how many renders a run will start and the minutes of video they make, said
// before anything is sent; --max-renders / --max-minutes refuse a plan over the limit (exit 2),
// and a guard around the create stops a run that would pass --max-renders on the way (rows the
// plan could not foresee, such as a video that vanished and must be made again).
import type { HeyGenClient } from '../../api/index.js';
import { UsageError } from '../../shared/errors.js';
import { RENDER_USD_PER_SECOND as USD_PER_SECOND } from '../video/rates.js';
import { describeEstimate, totalEstimate, type TotalEstimate } from './estimate.js';
import type { RowCost } from './plan-types.js';
import type { Task } from './tasks.js';

export interface BudgetLimits {
  maxRenders?: number;
  maxMinutes?: number;
  /** --assume-minutes: how long a row of unknown length counts against maxMinutes (see budget-unknown.ts). */
  assumeMinutes?: number;
}

export interface Budget {
  /** Creates that may start a new render: new rows, retried rows, and interrupted submissions. */
  renders: number;
  estimate: TotalEstimate;
  max_renders: number | null;
  max_minutes: number | null;
  /** The least these renders can cost at the published rates (see costFloor). */
  cost_floor: { usd: number; credits: number };
}

/** Tasks still to be created are what costs; rows rendering or done cost nothing more. */
export function planBudget(tasks: readonly Task[], limits: BudgetLimits): Budget {
  const rows = tasks.filter((t) => t.phase === 'queued').map((t) => t.row.cost);
  return {
    renders: rows.length,
    estimate: totalEstimate(rows.map((f) => f?.estimate ?? { seconds: null, basis: 'unknown' })),
    max_renders: limits.maxRenders ?? null,
    max_minutes: limits.maxMinutes ?? null,
    cost_floor: costFloor(rows),
  };
}

/** Credits per minute are not published for v3; one per minute is the lowest any plan charged. */
const CREDITS_PER_SECOND = 1 / 60;

/** The least the rows can cost: estimated seconds at the lowest rate that applies to each. */
export function costFloor(rows: ReadonlyArray<RowCost | undefined>): { usd: number; credits: number } {
  let usd = 0;
  let credits = 0;
  for (const f of rows) {
    const seconds = f?.estimate.seconds ?? 0;
    const [hd, uhd] = USD_PER_SECOND[f?.engine ?? 'avatar_iv'] ?? USD_PER_SECOND.avatar_iii!;
    usd += seconds * (f?.resolution === '4k' ? uhd : hd);
    credits += seconds * CREDITS_PER_SECOND;
  }
  return { usd: Math.round(usd * 100) / 100, credits: Math.round(credits * 10) / 10 };
}

/**
 * A warning when the balance is clearly too small: even the cheapest reading of the estimate
 * costs more than what is left. Never a refusal: prices and the estimate are both approximate.
 */
export function balanceShortfall(b: Budget, balance: { remaining: number | null; unit: string | null }): string | undefined {
  if (balance.remaining === null || b.renders === 0) return undefined;
  const usd = balance.unit === 'usd';
  const need = usd ? b.cost_floor.usd : b.cost_floor.credits;
  if (need <= balance.remaining) return undefined;
  const fmt = (n: number) => (usd ? `$${n.toFixed(2)}` : `${n} credits`);
  return `This run may need about ${fmt(need)} or more (an estimate from script length and published rates) and the account has ${fmt(balance.remaining)} left; renders past the balance will fail.`;
}

/** "12 renders, about 3.4 minutes of video (estimate)" */
export function describeBudget(b: Budget): string {
  const renders = `${b.renders} render${b.renders === 1 ? '' : 's'}`;
  return b.renders === 0 ? `${renders} (nothing new to pay for)` : `${renders}, ${describeEstimate(b.estimate)} (estimate)`;
}

/** Refuses, before anything is sent, a plan over --max-renders or --max-minutes (exit 2). */
export function checkBudget(b: Budget): void {
  if (b.max_renders !== null && b.renders > b.max_renders) {
    throw new UsageError(`This run would start ${b.renders} renders; --max-renders allows ${b.max_renders}. Nothing was sent.`, {
      code: 'budget_exceeded',
      flag: '--max-renders',
      suggestion: 'Raise --max-renders (or the max-renders setting), or render part first with --sample N or --shard i/n.',
      details: { renders: b.renders, max_renders: b.max_renders },
    });
  }
  if (b.max_minutes !== null && b.estimate.minutes > b.max_minutes) {
    throw new UsageError(
      `This run would make ${describeEstimate(b.estimate)} (estimate); --max-minutes allows ${b.max_minutes}. Nothing was sent.`,
      {
        code: 'budget_exceeded',
        flag: '--max-minutes',
        suggestion: 'Raise --max-minutes, shorten the scripts, or render part first with --sample N.',
        details: { minutes: b.estimate.minutes, max_minutes: b.max_minutes },
      },
    );
  }
}

/** Thrown by the guard; the engine treats any non-API error as a reason to stop the run. */
export class RenderLimitReached extends Error {
  constructor(readonly limit: number) {
    super(`--max-renders ${limit} reached`);
  }
}

/**
 * The create, counted: once `limit` creates have been accepted (or are in flight) the next one
 * is refused without a request. A create that fails started no render and gives its place back;
 * the engine's retry of it is counted once.
 */
export function guardCreates<A extends Pick<HeyGenClient, 'createVideo'>>(
  api: A,
  limit: number | undefined,
): A & { creates: () => number } {
  let started = 0;
  const guarded = Object.create(api) as A & { creates: () => number };
  guarded.createVideo = (async (...args: Parameters<A['createVideo']>) => {
    if (limit !== undefined && started >= limit) throw new RenderLimitReached(limit);
    started += 1;
    try {
      return await (api.createVideo as (...a: unknown[]) => ReturnType<A['createVideo']>)(...args);
    } catch (error) {
      started -= 1;
      throw error;
    }
  }) as A['createVideo'];
  guarded.creates = () => started;
  return guarded;
}
