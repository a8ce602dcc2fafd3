// `looks create --wait` and `looks wait`: the render spinner over a training wait, with the same
// exit codes as a render (0 completed, 5 failed, 4 timed out, 130 interrupted).
import type { Look } from '../../api/schemas.js';
import type { Context } from '../../ui/context-types.js';
import { waitForTraining } from '../../core/looks/training.js';
import { parseDuration } from '../../shared/duration.js';
import { LOOK_SUBJECT, startWaitDisplay } from '../../ui/spinner.js';
import { DEFAULT_TRAINING_INTERVAL, DEFAULT_TRAINING_TIMEOUT } from '../../shared/video-facts.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

interface TrainingFlags {
  timeout?: string;
  interval?: string;
}

export async function followTraining(ctx: Context, lookIds: string[], flags: TrainingFlags, resume: string): Promise<Look[]> {
  const timeoutMs = parseDuration(flags.timeout ?? DEFAULT_TRAINING_TIMEOUT, '--timeout');
  const intervalMs = parseDuration(flags.interval ?? DEFAULT_TRAINING_INTERVAL, '--interval');
  const what = lookIds.length === 1 ? `look ${lookIds[0]} to train` : `${lookIds.length} looks to train`;
  const display = await startWaitDisplay(ctx, what, LOOK_SUBJECT);
  try {
    const looks = await waitForTraining(await ctx.api(), lookIds, {
      timeoutMs,
      intervalMs,
      now: ctx.now,
      sleep: ctx.sleep,
      signal: ctx.signal,
      resume,
      // Training starts only once the person in the footage has consented: say so first, not after an hour.
      onConsentPending: (pending) => {
        const groups = [...new Set(pending.map((l) => l.group_id).filter(Boolean))];
        const consent = groups.length
          ? groups.map((g) => `${twinInvocation()} looks consent ${g}`).join(', ')
          : `${twinInvocation()} looks consent <group-id>`;
        ctx.out.warn(
          `Training has not started: ${pending.map((l) => l.id).join(', ')} ${pending.length === 1 ? 'waits' : 'wait'} for consent. The person in the footage approves on the consent page (${consent}); training starts after that.`,
        );
      },
      onPoll: (ls) => {
        const waiting = ls.find((l) => l.status !== 'completed') ?? ls[0]!;
        display.video({
          id: waiting.id,
          status: waiting.status === 'pending_consent' ? 'pending_consent (waiting for consent)' : (waiting.status ?? 'completed'),
        });
      },
    });
    display.stop({ ok: true, text: `Trained: ${looks.map((l) => l.id).join(', ')}` });
    return looks;
  } catch (error) {
    display.stop();
    throw error;
  }
}
