// When to poll next. Renders of one batch take about the same time, so once one has finished
// the clock predicts when each of the others will, and polls right then instead of on a
// fixed beat: the next video is submitted the moment a render slot frees, while the number
// of status requests stays proportional to renders, not to wall time.

export interface PollClockOptions {
  /** Never two polls closer than this. */
  minMs: number;
  /** Never a longer silence than this while something renders. */
  maxMs: number;
}

const DEFAULT_POLL_CLOCK: PollClockOptions = { minMs: 100, maxMs: 15_000 };

interface InFlight {
  /** When our create returned (undefined for renders resumed from an earlier run). */
  submittedAt?: number;
}

export class PollClock {
  /** Shortest render seen from submit to "completed" in this run: the prediction. */
  estimateMs: number | undefined;
  lastPollAt = Number.NEGATIVE_INFINITY;
  private readonly options: PollClockOptions;

  constructor(options: Partial<PollClockOptions> = {}) {
    this.options = { ...DEFAULT_POLL_CLOCK, ...options };
  }

  polled(at: number): void {
    this.lastPollAt = at;
  }

  /** A render submitted at `submittedAt` was first seen finished at `seenAt`. */
  observe(submittedAt: number | undefined, seenAt: number): void {
    if (submittedAt === undefined) return;
    const ms = seenAt - submittedAt;
    if (ms > 0) this.estimateMs = this.estimateMs === undefined ? ms : Math.min(this.estimateMs, ms);
  }

  /** The time of the next poll. */
  nextPollAt(now: number, inFlight: Iterable<InFlight>): number {
    const { minMs, maxMs } = this.options;
    let oldest = now;
    for (const task of inFlight) if (task.submittedAt !== undefined && task.submittedAt < oldest) oldest = task.submittedAt;
    // Before any render has finished, poll at a tenth of the time the oldest one has taken so far.
    const basis = this.estimateMs ?? now - oldest;
    let next = this.lastPollAt + clamp(basis / 10, minMs, maxMs);
    if (this.estimateMs !== undefined) {
      for (const task of inFlight) {
        if (task.submittedAt === undefined) continue;
        const due = task.submittedAt + this.estimateMs;
        if (due > this.lastPollAt && due < next) next = due;
      }
    }
    return Math.max(next, this.lastPollAt + minMs);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
