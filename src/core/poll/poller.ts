// Waiting for renders, with no terminal code: callers show progress through the callbacks.
// The interval starts short (renders of a few seconds finish fast) and backs off to a cap with
// jitter, so a thousand CI jobs waiting on the same API do not poll in lockstep. Clock, sleep
// and randomness are injected, so a thirty-minute wait is tested in milliseconds.
import { InterruptedError, WaitTimeoutError, type ApiError } from '../../shared/errors.js';
import { MAX_LAG_404, isNotFound, isTransient, withResumeLine } from './read-errors.js';
import type { HeyGenClient, Video } from '../../api/index.js';
import { countLabels, describeCounts, formatElapsed, isTerminalStatus, statusPhase } from './video-status.js';
import { JITTER } from './schedule.js';
import { parseDuration } from '../../shared/duration.js';
import { DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, POLL_BACKOFF_CAP } from '../../shared/video-facts.js';

// Re-exported: the batch runner and its live view import them from here.
export {
  formatElapsed,
  statusLabel,
  statusPhase,
} from './video-status.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export interface PollTiming {
  intervalMs: number;
  maxIntervalMs: number;
  timeoutMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** [0, 1); Math.random by default. 0.5 means no jitter. */
  random?: () => number;
  /** Polls that may fail in a row (network, 429, 5xx, after the client's own retries) before giving up. Default 5. */
  maxConsecutiveErrors?: number;
  /** Flags the printed resume command repeats after the ids, e.g. ['--download', 'out/']. */
  resumeArgs?: readonly string[];
  /**
   * The resume command names every id, not only the unfinished ones: the caller still has work
   * to do for the finished ones too (downloads that start once all have finished).
   */
  resumeAllIds?: boolean;
  /** What picks the wait up again, when not the `twin video wait` command (the library names its own call). */
  resumeWith?: (ids: readonly string[]) => string;
  /**
   * When set (no --interval given), the wait after a poll made `elapsedMs` into the wait, instead
   * of the backoff (poll-schedule.ts, poll-budget.ts); `last` is the video that poll saw, if any.
   */
  plan?: (elapsedMs: number, last?: Video) => number;
  /** Told of each video a multi-id wait sees finished, so the plan learns when the others will (run-learning.ts). */
  learn?: (video: Video, elapsedMs: number) => void;
}

/** Used where no setting is read (the library); the settings' defaults are the same facts. */
export const DEFAULT_TIMING = {
  intervalMs: parseDuration(DEFAULT_POLL_INTERVAL, '--interval'),
  maxIntervalMs: parseDuration(POLL_BACKOFF_CAP, '--interval'),
  timeoutMs: parseDuration(DEFAULT_WAIT_TIMEOUT, '--timeout'),
} as const;
const BACKOFF_FACTOR = 1.5;
/** Time a poll made at (or past) the deadline still gets to answer. */
const LAST_POLL_MS = 1_000;
/** Bulk status takes at most this many ids per request (contract §5.4). */
export const STATUS_IDS_PER_REQUEST = 100;

type PollApi = Pick<HeyGenClient, 'getVideo' | 'getVideoStatuses'>;

/** `twin video wait <ids> [flags]`: what picks a wait up again after a timeout or Ctrl-C. */
export function resumeCommand(ids: readonly string[], args: readonly string[] = []): string {
  return [`${twinInvocation()} video wait`, ...ids, ...args].join(' ');
}

/** The n-th wait (0-based) before jitter: intervalMs × 1.5^n, capped. */
export function backoffInterval(n: number, timing: Pick<PollTiming, 'intervalMs' | 'maxIntervalMs'>): number {
  return Math.min(timing.intervalMs * BACKOFF_FACTOR ** n, timing.maxIntervalMs);
}

/** One schedule shared by both pollers: backoff, jitter, the deadline and Ctrl-C. */
class Schedule {
  private readonly started: number;
  private waits = 0;
  private errorsInRow = 0;
  /** A read has answered: a 404 from then on is not the read-after-write lag. */
  private seenOnce = false;
  private lagReads = 0;

  /**
   * `describe` gives the unfinished ids, their statuses in words and by id (for --json), and
   * every id being waited on.
   */
  constructor(
    private readonly timing: PollTiming,
    private readonly describe: () => { ids: string[]; statuses: string; byId: Record<string, string>; all: readonly string[] },
  ) {
    this.started = timing.now();
  }

  elapsed(): number {
    return this.timing.now() - this.started;
  }

  /**
   * What one poll may take: the rest of --timeout, so a status read that never answers cannot
   * outlive it (the last poll, at the deadline itself, still gets a moment to answer).
   */
  budget(): { budgetMs: number } {
    return { budgetMs: Math.max(this.timing.timeoutMs - this.elapsed(), LAST_POLL_MS) };
  }

  checkAbort(): void {
    if (this.timing.signal?.aborted) throw this.interrupted();
  }

  private resume(): string {
    const { ids, all } = this.describe();
    const list = this.timing.resumeAllIds ? all : ids;
    return this.timing.resumeWith ? this.timing.resumeWith(list) : resumeCommand(list, this.timing.resumeArgs);
  }

  interrupted(): InterruptedError {
    const { ids, statuses } = this.describe();
    return new InterruptedError(`Stopped waiting after ${formatElapsed(this.elapsed())} (${statuses}); rendering goes on at HeyGen.`, {
      suggestion: `Resume with: ${this.resume()}`,
      details: { video_ids: ids, resume: this.resume() },
    });
  }

  /**
   * A failed poll: transient ones (network, 429, 5xx, a 200 whose body cannot be read) are waited
   * out a few times in a row; so is a 404 before any read succeeded (the API's read-after-write
   * lag right after a create), a bounded number of times. A 404 that persists ends the wait with
   * the resume command.
   */
  pollFailed(error: unknown): number | undefined {
    if (this.timing.signal?.aborted) throw this.interrupted();
    const lag = !this.seenOnce && isNotFound(error);
    if (lag && ++this.lagReads > MAX_LAG_404) throw withResumeLine(error, this.describe().ids, this.resume());
    if (!lag && !isTransient(error)) throw error;
    this.errorsInRow += 1;
    if (this.errorsInRow > (this.timing.maxConsecutiveErrors ?? 5)) throw withResumeLine(error, this.describe().ids, this.resume());
    const hinted = (error as ApiError).details.retry_after_ms;
    return typeof hinted === 'number' ? hinted : undefined;
  }

  pollSucceeded(): void {
    this.errorsInRow = 0;
    this.seenOnce = true;
  }

  /** Sleeps until the next poll; throws WaitTimeoutError once the deadline has been polled at. */
  async next(atLeastMs = 0, last?: Video): Promise<void> {
    const remaining = this.timing.timeoutMs - this.elapsed();
    if (remaining <= 0) throw this.timedOut();
    const base = this.timing.plan ? this.timing.plan(this.elapsed(), last) : backoffInterval(this.waits, this.timing);
    this.waits += 1;
    const jitter = 1 + ((this.timing.random ?? Math.random)() * 2 - 1) * JITTER;
    // The last wait is cut to the deadline, so the final poll happens at the deadline itself.
    const ms = Math.min(Math.max(Math.round(base * jitter), atLeastMs), remaining);
    try {
      await this.timing.sleep(ms, this.timing.signal);
    } catch (error) {
      if (this.timing.signal?.aborted) throw this.interrupted();
      throw error;
    }
    this.checkAbort();
  }

  private timedOut(): WaitTimeoutError {
    const { ids, statuses } = this.describe();
    return new WaitTimeoutError(
      `Timed out after ${formatElapsed(this.timing.timeoutMs)} waiting for ${ids.length === 1 ? `video ${ids[0]}` : `${ids.length} videos`} (${statuses}); rendering goes on at HeyGen.`,
      {
        suggestion: `Resume with: ${this.resume()}`,
        details: { video_ids: ids, last_status: this.describe().byId, resume: this.resume() },
      },
    );
  }
}

/**
 * Polls GET /v3/videos/{id} until the video is completed or failed and resolves with it either
 * way (the caller decides what a failure means). Throws WaitTimeoutError (exit 4) or, on abort,
 * InterruptedError (130); both carry the exact resume command.
 */
export async function pollVideo(
  api: PollApi,
  id: string,
  timing: PollTiming,
  onUpdate?: (video: Video, elapsedMs: number) => void,
): Promise<Video> {
  let last = 'unknown';
  const schedule = new Schedule(timing, () => ({ ids: [id], statuses: `last status: ${last}`, byId: { [id]: last }, all: [id] }));
  for (;;) {
    schedule.checkAbort();
    let hint: number | undefined;
    let seen: Video | undefined;
    try {
      const video = await api.getVideo(id, schedule.budget());
      schedule.pollSucceeded();
      last = video.status;
      seen = video;
      onUpdate?.(video, schedule.elapsed());
      if (statusPhase(video.status) === 'completed' || statusPhase(video.status) === 'failed') return video;
    } catch (error) {
      hint = schedule.pollFailed(error);
    }
    await schedule.next(hint, seen);
  }
}

export interface PollSnapshot {
  /** By status label (queued, processing, completed, failed, not_found, or an unknown status as-is). */
  counts: Record<string, number>;
  /** Latest raw status of every id. */
  byId: Map<string, string>;
  elapsedMs: number;
}

/**
 * Waits for many videos: one GET /v3/videos/statuses per 100 unfinished ids each cycle, then one
 * GET /v3/videos/{id} for each video that reached completed or failed (for its URLs and failure
 * fields). Ids the API does not know (`not_found`) are terminal; they come back as a stub video
 * with that status. Unknown statuses are shown as they are and waited on.
 */
export async function pollVideos(
  api: PollApi,
  ids: readonly string[],
  timing: PollTiming,
  onUpdate?: (snapshot: PollSnapshot) => void,
  onTerminal?: (id: string, status: string) => void,
): Promise<Map<string, Video>> {
  const unique = [...new Set(ids)];
  const byId = new Map<string, string>(unique.map((id) => [id, 'unknown']));
  const done = new Map<string, Video>();
  const pending = () => unique.filter((id) => !done.has(id));
  const schedule = new Schedule(timing, () => {
    const left = pending();
    const statuses = left.map((id) => byId.get(id) ?? 'unknown');
    return {
      ids: left,
      statuses: describeCounts(countLabels(statuses)),
      byId: Object.fromEntries(left.map((id, i) => [id, statuses[i]!])),
      all: unique,
    };
  });

  while (done.size < unique.length) {
    schedule.checkAbort();
    let hint: number | undefined;
    try {
      const left = pending();
      const pages = await Promise.all(
        chunk(left, STATUS_IDS_PER_REQUEST).map((part) => api.getVideoStatuses({ video_ids: part }, schedule.budget())),
      );
      for (const entry of pages.flatMap((p) => p.data)) {
        if (entry.video_id && byId.has(entry.video_id)) byId.set(entry.video_id, entry.status);
      }
      const finished = left.filter((id) => isTerminalStatus(byId.get(id) ?? ''));
      for (const video of await fetchTerminal(api, finished, byId, schedule.budget())) {
        done.set(video.id, video);
        byId.set(video.id, video.status);
        timing.learn?.(video, schedule.elapsed());
        onTerminal?.(video.id, video.status);
      }
      schedule.pollSucceeded();
      onUpdate?.({ counts: countLabels([...byId.values()]), byId: new Map(byId), elapsedMs: schedule.elapsed() });
    } catch (error) {
      hint = schedule.pollFailed(error);
    }
    if (done.size < unique.length) await schedule.next(hint);
  }
  return new Map(unique.map((id) => [id, done.get(id)!]));
}

/**
 * Full records of the videos that just finished, a few requests at a time. One whose GET still
 * says it is rendering (the two endpoints may disagree for a moment) is left to the next cycle.
 */
async function fetchTerminal(api: PollApi, ids: string[], byId: Map<string, string>, call: { budgetMs: number }): Promise<Video[]> {
  const out: Video[] = [];
  for (const part of chunk(ids, 8)) {
    const fetched = await Promise.all(
      part.map((id) => (byId.get(id) === 'not_found' ? Promise.resolve(notFoundStub(id)) : api.getVideo(id, call))),
    );
    out.push(...fetched.filter((video) => isTerminalStatus(video.status)));
  }
  return out;
}

function notFoundStub(id: string): Video {
  return {
    id,
    status: 'not_found',
    failure_code: 'video_not_found',
    failure_message: 'The API knows no video with this id (or it belongs to another account).',
  } as Video;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
