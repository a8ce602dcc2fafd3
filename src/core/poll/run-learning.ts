// Learning within one run: the renders of one `video wait a b c` (or one batch) were made the
// same way, so the first that finish say when the others will. A wait with no history starts on
// the broad plan (budget.ts); each finished render narrows the prior for the rest, and the plan
// is re-spaced around their likely end. The documented loop's pace (withinDocs) holds over the
// whole wait, whatever is learned: learning only moves requests, never adds any.
import { budgetedScale, runningPrior, spacedPlan } from './budget.js';
import { renderTimeOf, type RenderBasis, type RenderRecord } from './render-history.js';
import { priorPlan, withinDocs, type PollPlan, type RenderPrior } from './schedule.js';

/** The least log-spread of a prior learned from a few renders of the run. */
const RUN_SIGMA = 0.25;

/** A finished video as the poller has it: the server's timestamps (Unix seconds) when it gives them. */
export interface FinishedVideo {
  status: string;
  created_at?: number | null;
  completed_at?: number | null;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The render times of one run, and a prior for its other renders. */
export class RunLearner {
  private readonly renderMs: number[] = [];
  private readonly createdMs: number[] = [];
  /** With a basis (batch rows), the run's renders as history records: priorFrom/broadPrior read them with the user's own. */
  readonly records: RenderRecord[] = [];

  /**
   * A render of the run completed: its time from the server's timestamps, else `observedMs`
   * (from its create, or the wait's start, to when it was seen finished). Failed ones teach nothing.
   */
  observe(video: FinishedVideo, observedMs?: number, basis?: RenderBasis, now = Date.now()): void {
    if (video.status !== 'completed') return;
    const ms = renderTimeOf(video, observedMs);
    if (ms === undefined || !(ms > 0)) return;
    this.renderMs.push(ms);
    if (typeof video.created_at === 'number' && video.created_at > 0) this.createdMs.push(video.created_at * 1000);
    if (basis && basis.speechMs > 0) this.records.push({ ...basis, renderMs: Math.round(ms), at: now });
  }

  get count(): number {
    return this.renderMs.length;
  }

  /** When the run's videos were made (Unix ms, the median of those seen), if the server said. */
  createdAtMs(): number | undefined {
    return this.createdMs.length > 0 ? median(this.createdMs) : undefined;
  }

  /** How long a render of this run takes: log-normal around the median of those seen, widened for few. */
  prior(): RenderPrior | undefined {
    const n = this.renderMs.length;
    if (n === 0) return undefined;
    const logs = this.renderMs.map((ms) => Math.log(ms));
    const mu = median(logs);
    const mad = median(logs.map((l) => Math.abs(l - mu))) * 1.4826;
    return { medianMs: Math.exp(mu), sigma: Math.max(RUN_SIGMA, mad) * Math.sqrt(1 + 1.6 / n), earliestMs: 0 };
  }
}

/** A wait's plan and what it is told after each finished render (PollTiming.plan and .learn). */
interface LearningPlan {
  plan: (elapsedMs: number) => number;
  learn: (video: FinishedVideo, elapsedMs: number) => void;
}

/**
 * The plan for a `video wait` of several videos with nothing known: the broad plan at first;
 * once renders complete, the others are taken to have been made about when those were and to
 * take about as long, and the polls are spaced around that end as a history would space them. `startedAtMs`: the wait's start
 * on this machine's clock (created_at is compared with it).
 */
export function learningPlan(startedAtMs: number, learner = new RunLearner()): LearningPlan {
  const first = runningPrior(0);
  let inner: PollPlan = spacedPlan(first, 0, budgetedScale(first, 0));
  const guarded = withinDocs((t) => inner(t));
  return {
    plan: (elapsedMs) => guarded(elapsedMs),
    learn(video, elapsedMs) {
      const before = learner.count;
      learner.observe(video, elapsedMs);
      const run = learner.prior();
      if (!run || learner.count === before) return;
      // The others end about this long after the wait began (they were made before it began).
      const created = learner.createdAtMs();
      const endMs = created === undefined ? run.medianMs : created + run.medianMs - startedAtMs;
      const prior: RenderPrior = { medianMs: Math.max(endMs, elapsedMs + 1_000), sigma: run.sigma, earliestMs: elapsedMs };
      // Spaced as with a history (dense at the likely end, at most 30 s apart after it), still
      // within the loop's pace: what the wait saved before the end is spent around it.
      inner = priorPlan(prior);
    },
  };
}
