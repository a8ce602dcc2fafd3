// The batch scheduler. Keeps `concurrency` renders in flight with one keyed create per row,
// watches them all with bulk status requests (100 ids each) on the PollClock's schedule, and
// downloads each video as soon as it completes while new ones keep being submitted. Every
// state change is journaled before the next step, so a re-run continues from the journal.
import { setMaxListeners } from 'node:events';
import { ApiError } from '../../shared/errors.js';
import { statusPhase } from '../poll/poller.js';
import { isFatal, isOutcomeUnknown, isTransient, renderError, rowError } from './errors.js';
import type { BatchEvent, EngineDeps, EngineOptions, EngineStats, StopReason } from './engine-types.js';
import { fetchVideo } from './fetch-video.js';
import type { JournalEntry, RowError } from './journal.js';
import { PollClock } from './poll-clock.js';
import { countPhases, journalEntry, type Phase, type Task } from './tasks.js';
import { fetchStatuses, statusRequestCount } from './status-requests.js';
import { Waker } from './waker.js';

const MAX_TRANSIENT_IN_ROW = 8;
const MAX_DOWNLOAD_TRIES = 5;
/** Creates of one row with an unknown outcome before it is left for the next run (same key). */
const MAX_UNKNOWN_TRIES = 3;

export class BatchEngine {
  readonly stats: EngineStats = { pollCycles: 0, statusRequests: 0, maxRequestsPerCycle: 0, creates: 0, backoffs: 0 };
  readonly clock: PollClock;
  readonly startedAt: number;
  fatalError: unknown;
  private readonly queue: Task[] = [];
  private readonly rendering = new Map<string, Task>();
  /** Renders waiting for a download slot, each with the earliest time it may start. */
  private readonly downloads: Array<{ task: Task; notBefore: number; tries: number }> = [];
  private readonly inFlight = new Set<Promise<void>>();
  private submitting = 0;
  private activeDownloads = 0;
  private pausedUntil = 0;
  /** Renders we may have in flight: --concurrency, lowered while the API answers 429. */
  private limit: number;
  private transientInRow = 0;
  private pollErrorsInRow = 0;
  private stopping = false;
  private readonly waker: Waker;
  private readonly downloadAbort = new AbortController();

  constructor(
    readonly tasks: Task[],
    private readonly deps: EngineDeps,
    private readonly opts: EngineOptions,
  ) {
    this.limit = opts.concurrency;
    this.clock = new PollClock(opts.clock);
    this.waker = new Waker(deps.sleep);
    this.startedAt = deps.now();
    // Every create, status request and download in flight listens for Ctrl-C at the same time.
    setMaxListeners(opts.concurrency + 64, deps.signal, this.downloadAbort.signal);
    deps.signal.addEventListener(
      'abort',
      () => {
        this.downloadAbort.abort();
        this.waker.notify();
      },
      { once: true },
    );
    // Interrupted submissions first: their replays cost no render and tell us their ids.
    const resubmit = tasks.filter((t) => t.phase === 'queued' && t.resumed);
    this.queue.push(...resubmit, ...tasks.filter((t) => t.phase === 'queued' && !t.resumed));
    for (const task of tasks) {
      if (task.phase === 'rendering') this.rendering.set(task.videoId!, task);
      if (task.phase === 'completed' && opts.download) this.downloads.push({ task, notBefore: 0, tries: 0 });
    }
  }

  counts(): Record<Phase, number> {
    return countPhases(this.tasks);
  }

  async run(): Promise<StopReason> {
    const { now, signal } = this.deps;
    for (;;) {
      this.pump();
      if (this.fatalError !== undefined) break;
      if (signal.aborted) break;
      if (this.opts.deadline !== undefined && now() >= this.opts.deadline) break;
      if (this.isFinished()) break;
      const pollAt = this.rendering.size > 0 ? this.clock.nextPollAt(now(), this.rendering.values()) : Infinity;
      const resumeAt = this.nextResume(now());
      const deadline = this.opts.deadline ?? Infinity;
      await this.waker.wait(Math.min(pollAt, resumeAt, deadline) - now());
      if (this.rendering.size > 0 && now() >= this.clock.nextPollAt(now(), this.rendering.values())) await this.poll();
    }
    return this.stop();
  }

  /** When paused creates or delayed downloads may start (only times still ahead). */
  private nextResume(now: number): number {
    let at = this.queue.length > 0 && this.pausedUntil > now ? this.pausedUntil : Infinity;
    for (const d of this.downloads) if (d.notBefore > now && d.notBefore < at) at = d.notBefore;
    return at;
  }

  private isFinished(): boolean {
    return (
      this.queue.length === 0 &&
      this.submitting === 0 &&
      this.rendering.size === 0 &&
      this.downloads.length === 0 &&
      this.activeDownloads === 0
    );
  }

  private async stop(): Promise<StopReason> {
    this.stopping = true;
    const reason: StopReason =
      this.fatalError !== undefined ? 'fatal' : this.deps.signal.aborted ? 'interrupted' : this.isFinished() ? 'finished' : 'timeout';
    // Creates already sent are allowed to answer, so their video ids reach the journal.
    if (reason !== 'finished') this.downloadAbort.abort();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    return reason;
  }

  /** Starts creates while render slots are free, and downloads while download slots are. */
  private pump(): void {
    if (this.stopping || this.fatalError !== undefined || this.deps.signal.aborted) return;
    const now = this.deps.now();
    while (this.queue.length > 0 && now >= this.pausedUntil && this.submitting + this.rendering.size < this.limit) {
      this.track(this.submit(this.queue.shift()!));
    }
    const limit = this.opts.downloadConcurrency ?? 4;
    for (let i = 0; i < this.downloads.length && this.activeDownloads < limit; ) {
      if (this.downloads[i]!.notBefore > now) i += 1;
      else this.track(this.save(this.downloads.splice(i, 1)[0]!));
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.waker.notify();
    });
  }

  private async submit(task: Task): Promise<void> {
    this.submitting += 1;
    task.phase = 'submitting';
    // Once per attempt: a create put back after a 429 keeps the same key and journal line.
    if (task.recorded !== 'submitting') this.record(task, 'submitting');
    try {
      this.stats.creates += 1;
      const created = await this.deps.api.createVideo(JSON.parse(task.row.body), { idempotencyKey: task.key });
      task.videoId = created.video_id;
      task.submittedAt = task.resumed ? undefined : this.deps.now();
      task.phase = 'rendering';
      this.rendering.set(created.video_id, task);
      this.transientInRow = 0;
      this.record(task, 'rendering');
      this.emit({ type: 'submitted', task });
    } catch (error) {
      task.phase = 'queued';
      if (this.deps.signal.aborted) {
        // The create was on its way: it may have been made. The next run sends the same key.
        this.queue.unshift(task);
        this.record(task, 'create_unknown', { code: 'interrupted', message: 'interrupted while the create was in flight' });
      } else if (isFatal(error)) {
        this.queue.unshift(task);
        this.fatalError ??= error;
      } else if (isTransient(error)) {
        // Sent again with the same key: the API answers with the video if the first one made it.
        this.queue.unshift(task);
        this.backOff(error);
      } else if (isOutcomeUnknown(error)) {
        // A 2xx that could not be read: the same key again, a few times, then left for the next run.
        task.unknownTries = (task.unknownTries ?? 0) + 1;
        if (task.unknownTries < MAX_UNKNOWN_TRIES) {
          this.queue.unshift(task);
          this.backOff(error);
        } else {
          this.endRow(task, 'unknown', rowError(error));
        }
      } else {
        this.endRow(task, 'failed', rowError(error));
      }
    } finally {
      this.submitting -= 1;
    }
  }

  /**
   * The client already waited out its own retries. A 429 means the account has fewer free
   * render slots than we assumed (other jobs share them): lower our limit to what is in flight
   * and let finished renders raise it again. Other errors pause every create, longer each
   * episode in a row, and end the run after a while; a 429 never does.
   */
  private backOff(error: unknown): void {
    this.stats.backoffs += 1;
    const now = this.deps.now();
    const rateLimited = error instanceof ApiError && error.status === 429;
    if (rateLimited) {
      this.limit = Math.max(1, this.rendering.size);
      // Our own renders will free slots and wake us; only with none in flight is a pause needed.
      if (this.rendering.size > 0) return;
    }
    if (now < this.pausedUntil) return; // the same episode
    this.transientInRow += 1;
    if (this.transientInRow > MAX_TRANSIENT_IN_ROW && !rateLimited) {
      this.fatalError ??= error;
      return;
    }
    const delayMs = Math.min(1000 * 2 ** Math.min(this.transientInRow - 1, 5), 30_000);
    this.pausedUntil = now + delayMs;
    this.emit({ type: 'backoff', reason: error instanceof Error ? error.message : String(error), delayMs });
  }

  private async poll(): Promise<void> {
    const ids = [...this.rendering.keys()];
    const requests = statusRequestCount(ids.length);
    this.clock.polled(this.deps.now(), this.rendering.values());
    this.stats.pollCycles += 1;
    this.stats.statusRequests += requests;
    this.stats.maxRequestsPerCycle = Math.max(this.stats.maxRequestsPerCycle, requests);
    this.emit({ type: 'poll', ids: ids.length, requests });
    const { entries, errors } = await fetchStatuses(this.deps.api, ids);
    const seenAt = this.deps.now();
    for (const error of errors) if (isFatal(error)) this.fatalError ??= error;
    for (const entry of entries) {
      const task = entry.video_id ? this.rendering.get(entry.video_id) : undefined;
      if (task) this.onStatus(task, entry.status, entry.error, seenAt);
    }
    this.pollErrorsInRow = errors.length > 0 ? this.pollErrorsInRow + 1 : 0;
    if (this.pollErrorsInRow > MAX_TRANSIENT_IN_ROW) this.fatalError ??= errors[0];
  }

  private onStatus(task: Task, status: string, error: unknown, seenAt: number): void {
    const phase = statusPhase(status);
    if (phase !== 'completed' && phase !== 'failed' && phase !== 'not_found') return;
    this.rendering.delete(task.videoId!);
    if (this.limit < this.opts.concurrency) this.limit += 1; // a slot freed: probe for one more
    if (phase === 'completed') {
      this.clock.observe(task.submittedAt, seenAt);
      task.renderedAt = new Date(seenAt).toISOString();
      task.phase = this.opts.download ? 'completed' : 'done';
      this.record(task, 'completed');
      this.emit({ type: 'rendered', task });
      if (this.opts.download) this.downloads.push({ task, notBefore: 0, tries: 0 });
      return;
    }
    const gone = { code: 'video_not_found', message: `the API no longer knows video ${task.videoId} (deleted?)` };
    this.endRow(task, 'failed', phase === 'not_found' ? gone : renderError(error, 'the render failed'));
  }

  private async save(item: { task: Task; notBefore: number; tries: number }): Promise<void> {
    const { task } = item;
    this.activeDownloads += 1;
    task.phase = 'downloading';
    try {
      const { api, download, sleep } = this.deps;
      const result = await fetchVideo(task, {
        api,
        download,
        sleep,
        outDir: this.opts.outDir,
        force: this.opts.force,
        signal: this.downloadAbort.signal,
      });
      Object.assign(task, { phase: 'done', file: result.path, sha256: result.sha256, bytes: result.bytes, downloadError: undefined });
      this.record(task, 'downloaded');
      this.emit({ type: 'downloaded', task });
    } catch (error) {
      task.phase = 'completed';
      if (this.downloadAbort.signal.aborted) return;
      if (isFatal(error)) this.fatalError ??= error;
      else if (isTransient(error) && item.tries + 1 < MAX_DOWNLOAD_TRIES) {
        // The API (not the file host) failed us: the downloader's own retries do not cover that.
        this.downloads.push({ task, tries: item.tries + 1, notBefore: this.deps.now() + 1000 * 2 ** item.tries });
        return;
      }
      task.downloadError = rowError(error);
      this.record(task, 'completed');
      this.emit({ type: 'download-failed', task });
    } finally {
      this.activeDownloads -= 1;
    }
  }

  /** A row that will not render in this run: failed, or a create whose outcome stayed unknown. */
  private endRow(task: Task, phase: 'failed' | 'unknown', error: RowError): void {
    task.phase = phase;
    task.error = error;
    this.record(task, phase === 'failed' ? 'failed' : 'create_unknown');
    this.emit({ type: phase, task });
  }

  private record(task: Task, state: JournalEntry['state'], error?: RowError): void {
    task.recorded = state;
    const entry = journalEntry(task, state, new Date(this.deps.now()).toISOString());
    this.deps.journal.append(error ? { ...entry, error } : entry);
  }

  private emit(event: BatchEvent): void {
    this.deps.onEvent?.(event);
  }
}
