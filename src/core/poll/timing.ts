// How a wait is timed: the poll interval and timeout from the flags, else the settings, and with
// no interval chosen by the user, a poll plan from this user's render history (or a broad guess).
// No terminal: the spinner and the resume line are the caller's (ui/follow-display.ts).
import type { Video } from '../../api/index.js';
import { parseDuration } from '../../shared/duration.js';
import type { ResolvedSettings } from '../../config/load.js';
import { configDir } from '../../config/paths.js';
import { sleep as defaultSleep } from '../../shared/sleep.js';
import { waitArgs, type FileFlags } from '../download/video-files.js';
import { runningPlan } from './budget.js';
import { DEFAULT_TIMING, type PollTiming } from './poller.js';
import { planFor } from './plan-choice.js';
import { readHistory, recordRender, renderTimeOf, type RenderBasis, type RenderRecord } from './render-history.js';
import { learningPlan } from './run-learning.js';
import { createdBasis, rememberCreated } from './created-renders.js';
import { statusPhase } from './video-status.js';

/** The slice of a command's context that timing reads (a Context is one). */
interface TimingContext {
  settings(): Promise<ResolvedSettings>;
  env: Record<string, string | undefined>;
  now: () => number;
  sleep: PollTiming['sleep'];
  signal: AbortSignal;
}

/** Poll timing with the defaults filled in; the file flags go into the resume command. */
export function pollTiming(
  opts: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal; now?: () => number; sleep?: PollTiming['sleep'] } & FileFlags,
): PollTiming {
  const intervalMs = opts.intervalMs ?? DEFAULT_TIMING.intervalMs;
  return {
    intervalMs,
    maxIntervalMs: Math.max(DEFAULT_TIMING.maxIntervalMs, intervalMs),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMING.timeoutMs,
    now: opts.now ?? Date.now,
    sleep: opts.sleep ?? defaultSleep,
    signal: opts.signal,
    resumeArgs: waitArgs(opts),
    // Downloads start once every video has finished, so a resumed wait must name them all.
    resumeAllIds: opts.download !== undefined,
  };
}

/**
 * What is known about the render(s) a wait follows: a render just created (its basis), one
 * video already rendering (`{ running }`: the time it has run so far, from created_at, and its
 * basis when this machine created it), or several (`'several'`: the first to finish teach the
 * rest, run-learning.ts).
 */
type WaitBasis = RenderBasis | { running: RenderBasis | undefined } | 'several';

/**
 * Poll timing from the flags, else the `interval`/`timeout` settings (their defaults: shared/video-facts.ts).
 * The file flags go into the resume command, so a resumed wait still downloads what was asked.
 * With no interval chosen by the user, the waits follow a plan (planFor, runningPlan,
 * learningPlan) instead of the plain backoff. `team`: render records from a committed lock,
 * read before this user's own.
 */
export async function resolveTiming(
  ctx: TimingContext,
  opts: { timeoutMs?: number; intervalMs?: number } & FileFlags,
  basis?: WaitBasis,
  team: readonly RenderRecord[] = [],
): Promise<PollTiming> {
  const { values, sources } = await ctx.settings();
  const chosenInterval = opts.intervalMs !== undefined || sources.interval !== 'default';
  const timing = pollTiming({
    ...opts,
    intervalMs: opts.intervalMs ?? parseDuration(values.interval, '--interval'),
    timeoutMs: opts.timeoutMs ?? parseDuration(values.timeout, '--timeout'),
    now: ctx.now,
    sleep: ctx.sleep,
    signal: ctx.signal,
  });
  if (chosenInterval || !basis) return timing;
  if (basis === 'several') {
    const { plan, learn } = learningPlan(ctx.now());
    return { ...timing, plan, learn };
  }
  const history = () => [...team, ...readHistory(configDir(ctx.env))];
  if ('running' in basis) {
    const known = basis.running;
    return { ...timing, plan: runningPlan(ctx.now(), known && ((offsetMs) => planFor(history(), known, offsetMs))) };
  }
  return { ...timing, plan: planFor(history(), basis) };
}

/** Remembers how long a completed render took, for the next wait's plan (best effort). */
export function rememberRender(ctx: TimingContext, basis: RenderBasis | undefined, video: Video, observedMs?: number): void {
  if (!basis || statusPhase(video.status) !== 'completed') return;
  const renderMs = renderTimeOf(video, observedMs);
  if (renderMs !== undefined) recordRender(configDir(ctx.env), basis, renderMs, ctx.now());
}

/** Notes a render just created, so a later `video wait` of it can plan as this wait would (best effort). */
export function noteCreated(ctx: Pick<TimingContext, 'env' | 'now'>, id: string, basis: RenderBasis | undefined): void {
  if (basis) rememberCreated(configDir(ctx.env), id, basis, ctx.now());
}

/** What a `video wait` of one video knows: how long it has run (from its first answer), and its basis when this machine created it. */
export function runningBasis(ctx: Pick<TimingContext, 'env'>, id: string): { running: RenderBasis | undefined } {
  return { running: createdBasis(configDir(ctx.env), id) };
}
