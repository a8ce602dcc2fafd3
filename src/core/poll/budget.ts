// The poll plan when little is known about how long this render takes: the first renders of an
// engine and resolution, or `video wait` of a video made elsewhere. Status reads are cheap and
// HeyGen's docs poll every 10 s, so the plan may spend what that loop would on the same render
// (withinDocs: its n-th poll never before n × 10 s, after two early reads that see a render
// failing at once). It spends them where a broad prior says the end is likely: sparse while the
// render cannot have finished (before the script could even be spoken), dense around the likely
// end, and never more than LATE_CAP_MS apart once it could have.
// Pure functions of elapsed time: test/core/poll-schedule.test.ts, test/bench/poll.mjs.
import {
  densityPlan,
  expectedCost,
  MIN_INTERVAL_MS,
  OFFICIAL,
  pollTimes,
  withinDocs,
  type PollPlan,
  type RenderPrior,
} from './schedule.js';

/** Before the earliest possible end, a wait grows to at most this multiple of the time waited. */
const GROWTH = 2;
/** Once the render could have ended, no wait is longer than this (a broad prior is often wrong). */
export const LATE_CAP_MS = 10_000;
/** The expected delay is weighed over renders up to this long after the wait began (a longer one is polled at the cap anyway). */
const HORIZON_MS = 2 * 60 * 60_000;

/** The prior as the plan sees it: the render has already run for offsetMs. */
function started(given: RenderPrior, offsetMs: number): RenderPrior {
  const earliestMs = Math.max(given.earliestMs, offsetMs);
  return { ...given, medianMs: Math.max(given.medianMs, earliestMs), earliestMs };
}

/**
 * The plan's spacing without the pace guard, at time t of the prior's timeline: each wait at
 * most GROWTH × the time waited since offsetMs; from the earliest end on, also at most LATE_CAP_MS.
 */
export function spacedPlan(prior: RenderPrior, offsetMs: number, k: number): PollPlan {
  const cap = (t: number) => {
    const grown = Math.max(MIN_INTERVAL_MS, GROWTH * (t - offsetMs));
    return t >= prior.earliestMs ? Math.min(LATE_CAP_MS, grown) : grown;
  };
  return densityPlan(prior, k, cap);
}

function scaledPlan(prior: RenderPrior, offsetMs: number, k: number): PollPlan {
  const inner = spacedPlan(prior, offsetMs, k);
  return withinDocs((tau) => inner(offsetMs + tau), offsetMs);
}

/**
 * The spacing scale for a render with a broad prior, the wait starting `offsetMs` into the
 * render (a `video wait` of a video created earlier): within the documented loop's pace, the scale with
 * the least expected delay under the prior. A few tens of ms: once per wait.
 */
export function budgetedScale(given: RenderPrior, offsetMs = 0): number {
  const prior = started(given, offsetMs);
  const untilMs = Math.min(prior.medianMs * Math.exp(2.5 * prior.sigma), offsetMs + HORIZON_MS) - offsetMs + OFFICIAL.capMs;
  const delay = (logK: number) =>
    expectedCost(
      prior,
      pollTimes(scaledPlan(prior, offsetMs, Math.exp(logK)), untilMs).map((tau) => tau + offsetMs),
    ).delayMs;
  // The delay is not smooth in k (polls are whole): a coarse scan, then a finer one around the best.
  let best = 0;
  let bestDelay = Number.POSITIVE_INFINITY;
  const scan = (from: number, to: number, steps: number) => {
    for (let i = 0; i <= steps; i++) {
      const logK = from + ((to - from) * i) / steps;
      const d = delay(logK);
      if (d < bestDelay) [best, bestDelay] = [logK, d];
    }
  };
  scan(Math.log(1), Math.log(1e4), 18);
  scan(best - 0.5, best + 0.5, 8);
  return Math.exp(best);
}

/** The plan for one wait (stateful: see withinDocs); `k` from budgetedScale. */
export function budgetedPlan(given: RenderPrior, offsetMs = 0, k = budgetedScale(given, offsetMs)): PollPlan {
  return scaledPlan(started(given, offsetMs), offsetMs, k);
}

/** How long a render probably takes when only the time it has already run is known: broad, at least 2 min. */
export function runningPrior(elapsedMs: number): RenderPrior {
  return { medianMs: Math.max(2 * elapsedMs, 120_000), sigma: 1, earliestMs: elapsedMs };
}

/** Longest a render is believed to have run already (a clock far off makes created_at say more). */
const MAX_OFFSET_MS = 24 * 60 * 60_000;

/**
 * The plan for `video wait` of one video: the first answer's created_at (Unix seconds;
 * milliseconds accepted) says how long the render has run when the wait began at `startedAtMs`
 * (this machine's clock); without it, the wait is taken to start with the render. `planAt`
 * makes the plan for that offset: by default a broad guess from the offset alone (a video made
 * elsewhere); a render this machine created is planned from what it knew at the create.
 */
export function runningPlan(
  startedAtMs: number,
  planAt: (offsetMs: number) => PollPlan = (offsetMs) => budgetedPlan(runningPrior(offsetMs), offsetMs),
): (elapsedMs: number, last?: { created_at?: number | null }) => number {
  let plan: PollPlan | undefined;
  return (elapsedMs, last) => {
    if (!plan) {
      const created = last?.created_at;
      const createdMs = typeof created === 'number' && created > 0 ? (created > 1e11 ? created : created * 1000) : startedAtMs;
      plan = planAt(Math.min(Math.max(startedAtMs - createdMs, 0), MAX_OFFSET_MS));
    }
    return plan(elapsedMs);
  };
}
