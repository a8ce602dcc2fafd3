// When to poll next. Renders of one batch take about the same time, so once one has finished
// the clock predicts when each of the others will, and polls right then instead of on a
// fixed beat: the next video is submitted the moment a render slot frees, while the number
// of status requests stays proportional to renders, not to wall time.

import { parseDuration } from '../../shared/duration.js';
import { POLL_BACKOFF_CAP } from '../../shared/video-facts.js';

export interface PollClockOptions {
  /** Never two polls closer than this. */
  minMs: number;
  /** Never a longer silence than this while something renders. */
  maxMs: number;
}

const DEFAULT_POLL_CLOCK: PollClockOptions = { minMs: 100, maxMs: parseDuration(POLL_BACKOFF_CAP, '--interval') };

interface InFlight {
  /** When our create returned (undefined for renders resumed from an earlier run). */
  submittedAt?: number;
  /** When the render's own plan wants its next read (row-timing.ts); undefined: this clock's beat. */
  nextAt?: number;
  /** The render's own plan (the wait after a read made `elapsedMs` after its create). */
  plan?: (elapsedMs: number) => number;
}

export class PollClock {
  /** Shortest render seen from submit to "completed" in this run: the prediction. */
  estimateMs: number | undefined;
  lastPollAt = Number.NEGATIVE_INFINITY;
  private readonly options: PollClockOptions;

  constructor(options: Partial<PollClockOptions> = {}) {
    this.options = { ...DEFAULT_POLL_CLOCK, ...options };
  }

  /** A status cycle at `at` over `inFlight`: a read of each, so each planned render says when it wants the next. */
  polled(at: number, inFlight: Iterable<InFlight> = []): void {
    this.lastPollAt = at;
    for (const task of inFlight) if (task.plan && task.submittedAt !== undefined) task.nextAt = at + task.plan(at - task.submittedAt);
  }

  /** A render submitted at `submittedAt` was first seen finished at `seenAt`. */
  observe(submittedAt: number | undefined, seenAt: number): void {
    if (submittedAt === undefined) return;
    const ms = seenAt - submittedAt;
    if (ms > 0) this.estimateMs = this.estimateMs === undefined ? ms : Math.min(this.estimateMs, ms);
  }

  /**
   * The time of the next poll: the earliest a planned render wants (each cycle reads them all),
   * or this clock's beat for the renders without a plan; never more than maxMs after the last.
   */
  nextPollAt(now: number, inFlight: Iterable<InFlight>): number {
    const { minMs, maxMs } = this.options;
    let planned = Number.POSITIVE_INFINITY;
    const beat: InFlight[] = [];
    for (const task of inFlight) {
      if (task.nextAt === undefined) beat.push(task);
      else if (task.nextAt < planned) planned = task.nextAt;
    }
    if (planned === Number.POSITIVE_INFINITY) return this.beatAt(now, beat);
    // Before the first cycle, the plans alone (their first reads come a few seconds after each create).
    const cap = Number.isFinite(this.lastPollAt) ? this.lastPollAt + maxMs : planned;
    const next = Math.min(planned, beat.length > 0 ? this.beatAt(now, beat) : planned, cap);
    return Math.max(next, this.lastPollAt + minMs);
  }

  /** The beat of renders without a plan: from the shortest render seen, else a tenth of the oldest's age. */
  private beatAt(now: number, inFlight: Iterable<InFlight>): number {
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
