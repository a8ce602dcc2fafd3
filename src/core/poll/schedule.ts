// When to ask whether a render has finished. With nothing known, the official CLI's backoff
// (2 s doubling to a 30 s cap). With a prior — how long this render will probably take, from
// the script's spoken length and this user's recent render times (render-history.ts) — polls
// are spaced by how likely the render is to finish in each stretch of time: sparse while it
// cannot or probably will not have finished, dense around the expected end, never sparser than
// 30 s after it. The spacing is the one that minimises the mean notice delay for the expected
// number of requests (interval ∝ 1/√hazard, as a poll is only made while the render runs),
// scaled so the expected number of requests stays below what the official CLI's schedule would
// spend on the same render. With only a broad prior, budget.ts holds the plan to the documented
// 10-second loop's pace (withinDocs) instead. Pure functions of elapsed time (withinDocs adds a
// poll count): test/core/poll-schedule.test.ts checks the properties, test/bench/poll.mjs simulates.

/** How long a render probably takes: log-normal with this median and log-spread, never under earliestMs. */
export interface RenderPrior {
  medianMs: number;
  /** Standard deviation of ln(render time). 0.1 ≈ ±10 %. */
  sigma: number;
  /** The render cannot finish before this (the script's spoken length). */
  earliestMs: number;
}

/** The next wait in ms after the poll made `elapsedMs` after the render started. */
export type PollPlan = (elapsedMs: number) => number;

export const OFFICIAL = { firstMs: 2_000, factor: 2, capMs: 30_000 } as const;
/** Every wait is stretched or shrunk by up to this share at random (poller.ts), so CI jobs do not poll in lockstep. */
export const JITTER = 0.1;
/** Never poll more often than this, whatever the prior says. */
export const MIN_INTERVAL_MS = 2_000;
/** Before the expected end, waits grow at most to twice the time elapsed (a render that fails early is seen soon enough). */
const EARLY_GROWTH = 2;
const EARLY_MIN_CAP_MS = 20_000;
/** Share of the official CLI's expected requests the plan may spend. */
const BUDGET_SHARE = 0.95;

/** The official CLI's waits without jitter: 2 s, 4 s, 8 s, 16 s, then 30 s. */
function officialDelay(n: number): number {
  return Math.min(OFFICIAL.firstMs * OFFICIAL.factor ** n, OFFICIAL.capMs);
}

/** A plan with no prior: the official CLI's backoff (the sleep between polls), by poll count. */
export function backoffPlan(): PollPlan {
  let n = 0;
  return () => officialDelay(n++);
}

/** HeyGen's documented polling loop: one status read every 10 s. With little known, plans spend no more than it. */
export const DOCS_LOOP_MS = 10_000;
/** Reads a wait keeps in a render's first seconds (render time), so a render that fails at once is seen soon. */
export const EARLY_READS_MS = [2_000, 6_000] as const;

/** Requests the documented loop makes until it sees a render that ends `endMs` after the wait began (reads at 0, 10 s, 20 s…). */
export function docsRequests(endMs: number): number {
  return 1 + Math.ceil(Math.max(endMs, 0) / DOCS_LOOP_MS);
}

/**
 * The plan, held to the documented loop's pace: after the early reads (those of EARLY_READS_MS
 * still ahead of a render that has run `offsetMs` when the wait begins), the n-th poll of the
 * wait comes no earlier than n × 10 s, even when jitter shortens the wait by JITTER. So a render
 * that ends once the early reads are behind (20 s into the wait at most) costs no more requests
 * than the loop would spend on it; one that ends sooner (a failure at once), at most the early
 * reads more. Stateful: a fresh one per wait, asked once after every poll (the one at 0 comes
 * before it is first asked). `plan` may be swapped by the caller between polls (learning).
 */
export function withinDocs(plan: PollPlan, offsetMs = 0): PollPlan {
  const early = EARLY_READS_MS.map((ms) => ms - offsetMs).filter((ms) => ms > 0);
  let polls = 1;
  return (t) => {
    const n = polls++;
    const read = early[n - 1];
    if (read !== undefined) return Math.max(MIN_INTERVAL_MS, Math.round(read - t));
    const notBefore = (DOCS_LOOP_MS * n - t) / (1 - JITTER);
    return Math.max(plan(t), Math.ceil(notBefore), MIN_INTERVAL_MS);
  };
}

/** The poll times (ms after the start, the first at 0) of a plan, up to `untilMs`. */
export function pollTimes(plan: PollPlan, untilMs: number): number[] {
  const times = [0];
  while (times[times.length - 1]! < untilMs && times.length < 100_000) {
    const t = times[times.length - 1]!;
    times.push(t + Math.max(1, plan(t)));
  }
  return times;
}

// ---- the prior as a distribution --------------------------------------------------------

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, |error| < 1.5e-7: plenty for spacing polls.
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

function rawCdf(prior: RenderPrior, t: number): number {
  return t <= 0 ? 0 : 0.5 * (1 + erf(Math.log(t / prior.medianMs) / (prior.sigma * Math.SQRT2)));
}

/** P(render time ≤ t) under the prior (cut off below earliestMs). */
function priorCdf(prior: RenderPrior, t: number): number {
  if (t <= prior.earliestMs) return 0;
  const below = rawCdf(prior, prior.earliestMs);
  return below >= 1 ? 1 : Math.max(0, (rawCdf(prior, t) - below) / (1 - below));
}

/** The chance per ms that a render still going at t finishes now (density ÷ survival). */
function priorHazard(prior: RenderPrior, t: number): number {
  if (t < prior.earliestMs || t <= 0) return 0;
  const z = Math.log(t / prior.medianMs) / prior.sigma;
  const density = Math.exp(-0.5 * z * z) / (t * prior.sigma * Math.sqrt(2 * Math.PI));
  return density / Math.max(1 - rawCdf(prior, t), 1e-12);
}

/** Expected requests and notice delay of a list of poll times when the render time follows the prior. */
export function expectedCost(prior: RenderPrior, times: readonly number[]): { requests: number; delayMs: number } {
  let requests = 1;
  let delayMs = 0;
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1]!;
    const b = times[i]!;
    const survive = 1 - priorCdf(prior, a);
    if (survive < 1e-6) break;
    requests += survive;
    // ∫_a^b (b − T) f(T) dT, by a few midpoint steps.
    const steps = 4;
    for (let k = 0; k < steps; k++) {
      const lo = a + ((b - a) * k) / steps;
      const hi = a + ((b - a) * (k + 1)) / steps;
      delayMs += (b - (lo + hi) / 2) * (priorCdf(prior, hi) - priorCdf(prior, lo));
    }
  }
  return { requests, delayMs };
}

// ---- the plan ---------------------------------------------------------------------------

/** The longest wait allowed at render time t (a poll only gets closer, never further, by the spacing). */
type WaitCap = (t: number) => number;

/** With a history: before the expected end, twice the time elapsed (at least 20 s); from it on, the official cap. */
const historyCap =
  (prior: RenderPrior): WaitCap =>
  (t) =>
    t >= prior.medianMs ? OFFICIAL.capMs : Math.max(EARLY_MIN_CAP_MS, EARLY_GROWTH * t);

/**
 * Waits spaced ∝ 1/√hazard with scale k, at render time t, never longer than cap(t). A poll is
 * only paid for while the render is still going, so this is the spacing that minimises the mean
 * delay for the expected requests; the hazard is unimodal, narrowest at its mode.
 */
export function densityPlan(prior: RenderPrior, k: number, cap: WaitCap = historyCap(prior)): PollPlan {
  const lateMs = prior.medianMs * Math.exp(2 * prior.sigma);
  let modeMs = lateMs;
  for (let z = -3; z <= 2; z += 0.05) {
    const ms = prior.medianMs * Math.exp(z * prior.sigma);
    if (priorHazard(prior, ms) > priorHazard(prior, modeMs)) modeMs = ms;
  }
  const spacing = (ms: number) => k / Math.sqrt(Math.max(priorHazard(prior, Math.min(ms, lateMs)), 1e-300));
  return (t) => {
    const longest = cap(t);
    if (t > lateMs) return Math.max(MIN_INTERVAL_MS, Math.min(OFFICIAL.capMs, longest));
    // The longest wait w no wider than the spacing anywhere in [t, t + w].
    const narrowest = (w: number) => (t < modeMs && t + w > modeMs ? spacing(modeMs) : Math.min(spacing(t), spacing(t + w)));
    let lo = 0;
    let hi = longest;
    if (narrowest(longest) >= longest) lo = longest;
    else
      for (let i = 0; i < 24; i++) {
        const mid = (lo + hi) / 2;
        if (narrowest(mid) >= mid) lo = mid;
        else hi = mid;
      }
    return Math.max(MIN_INTERVAL_MS, Math.round(lo));
  };
}

/** What the official CLI's schedule would expect to spend (requests) on a render with this prior. */
export function officialCost(prior: RenderPrior): { requests: number; delayMs: number } {
  const until = prior.medianMs * Math.exp(5 * prior.sigma) + OFFICIAL.capMs;
  return expectedCost(prior, pollTimes(backoffPlan(), until));
}

/**
 * The plan for a render with this prior: the hazard spacing with the smallest scale whose
 * expected requests stay within BUDGET_SHARE of the official schedule's on the same render.
 */
export function priorPlan(prior: RenderPrior): PollPlan {
  const until = prior.medianMs * Math.exp(5 * prior.sigma) + OFFICIAL.capMs;
  const budget = officialCost(prior).requests * BUDGET_SHARE;
  // Requests fall as k grows; bisect on log k.
  let lo = Math.log(1e-3);
  let hi = Math.log(1e4);
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    const cost = expectedCost(prior, pollTimes(densityPlan(prior, Math.exp(mid)), until));
    if (cost.requests > budget) lo = mid;
    else hi = mid;
  }
  return densityPlan(prior, Math.exp(hi));
}
