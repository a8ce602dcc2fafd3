// Waiting for every language of a translation at once: each unfinished id is read per round (GET
// gives the status words, the files and the output_language that pairs an id with its language),
// backing off like the render poller, bounded by the timeout. No terminal I/O: `onUpdate` feeds
// the live view.
import type { HeyGenClient, Translation } from '../api/index.js';
import { backoffInterval } from '../core/poll/poller.js';
import { isTerminalTranslation, normalizeTranslationStatus, type TranslationState } from '../core/translate/status.js';
import { ApiError, InterruptedError, WaitTimeoutError } from '../shared/errors.js';
import { formatElapsed } from '../shared/elapsed.js';

export interface TranslationJob {
  id: string;
  language: string;
  state: TranslationState;
  translation?: Translation;
}

export interface WaitTiming {
  timeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** The command that picks the wait up again (shown on timeout and Ctrl-C). */
  resume: string;
  maxConsecutiveErrors?: number;
}

function transient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === undefined) return error.code === 'network_error' || error.code === 'timeout';
  return error.status === 429 || error.status >= 500;
}

function summary(jobs: readonly TranslationJob[]): string {
  const counts = new Map<string, number>();
  for (const j of jobs) counts.set(j.state, (counts.get(j.state) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

export async function waitForTranslations(
  api: Pick<HeyGenClient, 'getTranslation'>,
  jobs: TranslationJob[],
  timing: WaitTiming,
  onUpdate: (job: TranslationJob) => void = () => {},
): Promise<TranslationJob[]> {
  const started = timing.now();
  const elapsed = () => timing.now() - started;
  const stopped = (): InterruptedError =>
    new InterruptedError(`Stopped waiting after ${formatElapsed(elapsed())} (${summary(jobs)}); translating goes on at HeyGen.`, {
      suggestion: `Resume with: ${timing.resume}`,
      details: { video_translation_ids: jobs.map((j) => j.id), resume: timing.resume },
    });
  let waits = 0;
  let errorsInRow = 0;
  for (;;) {
    if (timing.signal?.aborted) throw stopped();
    for (const job of jobs) {
      if (isTerminalTranslation(job.state)) continue;
      try {
        const t = await api.getTranslation(job.id, { budgetMs: Math.max(1000, timing.timeoutMs - elapsed()) });
        errorsInRow = 0;
        const state = normalizeTranslationStatus(t.status);
        const changed = state !== job.state;
        job.translation = t;
        job.state = state;
        if (changed) onUpdate(job);
      } catch (error) {
        if (timing.signal?.aborted) throw stopped();
        if (error instanceof ApiError && error.status === 404) {
          job.state = 'not_found';
          onUpdate(job);
          continue;
        }
        errorsInRow += 1;
        if (!transient(error) || errorsInRow > (timing.maxConsecutiveErrors ?? 5)) throw error;
      }
    }
    if (jobs.every((j) => isTerminalTranslation(j.state))) return jobs;
    const remaining = timing.timeoutMs - elapsed();
    if (remaining <= 0) {
      throw new WaitTimeoutError(`Waited ${formatElapsed(elapsed())} for ${jobs.length} translations (${summary(jobs)}).`, {
        suggestion: `Resume with: ${timing.resume}`,
        details: { video_translation_ids: jobs.map((j) => j.id), resume: timing.resume },
      });
    }
    const ms = Math.min(backoffInterval(waits, timing), remaining);
    waits += 1;
    try {
      await timing.sleep(ms, timing.signal);
    } catch (error) {
      if (timing.signal?.aborted) throw stopped();
      throw error;
    }
  }
}
