// How a wait is timed: the poll interval and timeout from the flags, else the settings, and with
// no interval chosen by the user, a poll plan from this user's render history (or a broad guess).
// No terminal: the spinner and the resume line are the caller's (ui/follow-display.ts).
import type { Video } from '../../api/index.js';
import { parseDuration } from '../../shared/duration.js';
import type { ResolvedSettings } from '../../config/load.js';
import { configDir } from '../../config/paths.js';
import { sleep as defaultSleep } from '../../shared/sleep.js';
import { waitArgs, type FileFlags } from '../download/video-files.js';
import { budgetedPlan, runningPlan } from './budget.js';
import { DEFAULT_TIMING, type PollTiming } from './poller.js';
import { broadPrior, priorFrom, readHistory, recordRender, renderTimeOf, type RenderBasis } from './render-history.js';
import { priorPlan } from './schedule.js';
import { statusPhase } from './video-status.js';

/** The slice of a command's context that timing reads (a Context is one). */
export interface TimingContext {
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
 * Poll timing from the flags, else the `interval`/`timeout` settings (their defaults: shared/video-facts.ts).
 * The file flags go into the resume command, so a resumed wait still downloads what was asked.
 * With no interval chosen by the user, the waits follow a plan instead of the plain backoff:
 * for a render just created (`basis`), this user's recent render times of the kind
 * (core/poll-schedule.ts), or, with fewer than five, a broad guess held to the official CLI's
 * pace (core/poll-budget.ts); for one video already rendering (`'running'`), the time it has
 * run so far, held to that pace too.
 */
export async function resolveTiming(
  ctx: TimingContext,
  opts: { timeoutMs?: number; intervalMs?: number } & FileFlags,
  basis?: RenderBasis | 'running',
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
  if (basis === 'running') return { ...timing, plan: runningPlan(ctx.now()) };
  const history = readHistory(configDir(ctx.env));
  const prior = priorFrom(history, basis);
  return { ...timing, plan: prior ? priorPlan(prior) : budgetedPlan(broadPrior(history, basis)) };
}

/** Remembers how long a completed render took, for the next wait's plan (best effort). */
export function rememberRender(ctx: TimingContext, basis: RenderBasis | undefined, video: Video, observedMs?: number): void {
  if (!basis || statusPhase(video.status) !== 'completed') return;
  const renderMs = renderTimeOf(video, observedMs);
  if (renderMs !== undefined) recordRender(configDir(ctx.env), basis, renderMs, ctx.now());
}
