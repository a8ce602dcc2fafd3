// Waiting for a Digital Twin to train (contract §2.1 status: pending_consent → processing →
// completed | failed). Bounded like every wait: a timeout, an interval that grows, Ctrl-C.
import type { HeyGenClient } from '../../api/index.js';
import type { Look } from '../../api/schemas.js';
import { InterruptedError, RenderFailedError, WaitTimeoutError } from '../../shared/errors.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

interface TrainingWait {
  timeoutMs: number;
  /** First poll interval; it grows by half each poll up to 30 s. */
  intervalMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Each poll's looks. */
  onPoll?: (looks: Look[]) => void;
  /** Once, at the first poll that finds looks whose training has not started: they wait for consent. */
  onConsentPending?: (looks: Look[]) => void;
  /** The command that resumes this wait (said on timeout and Ctrl-C). */
  resume: string;
}

const MAX_INTERVAL_MS = 30_000;
const isTrained = (look: Pick<Look, 'status'>) => look.status == null || look.status === 'completed';
const isDone = (look: Pick<Look, 'status'>) => isTrained(look) || look.status === 'failed';

/** Polls the looks until every one is completed (returned) or one failed (exit 5). */
export async function waitForTraining(api: Pick<HeyGenClient, 'getLook'>, lookIds: readonly string[], w: TrainingWait): Promise<Look[]> {
  const deadline = w.now() + w.timeoutMs;
  let interval = w.intervalMs;
  let toldConsent = false;
  for (;;) {
    const looks = await Promise.all(lookIds.map((id) => api.getLook(id)));
    const unconsented = looks.filter((l) => l.status === 'pending_consent');
    if (unconsented.length > 0 && !toldConsent) {
      toldConsent = true;
      w.onConsentPending?.(unconsented);
    }
    w.onPoll?.(looks);
    const failed = looks.find((l) => l.status === 'failed');
    if (failed) {
      const reason = [failed.error?.code, failed.error?.message].filter(Boolean).join(': ') || 'no reason given';
      throw new RenderFailedError(`Training of look ${failed.id} failed: ${reason}`, {
        code: 'training_failed',
        suggestion: `Record the footage again (even light, face in view) and run \`${twinInvocation()} looks create\` once more.`,
        details: { look_id: failed.id, group_id: failed.group_id ?? null, error: failed.error ?? null },
      });
    }
    if (looks.every(isDone)) return looks;
    const left = deadline - w.now();
    if (left <= 0) {
      const waiting = looks.filter((l) => !isDone(l));
      const consent = waiting.some((l) => l.status === 'pending_consent');
      throw new WaitTimeoutError(`Gave up waiting: ${waiting.map((l) => `${l.id} is ${l.status}`).join(', ')}.`, {
        suggestion: `${consent ? `Consent is still missing (see \`${twinInvocation()} looks consent GROUP_ID\`). ` : ''}Training goes on at HeyGen; resume with \`${w.resume}\`.`,
        details: { look_ids: waiting.map((l) => l.id) },
      });
    }
    try {
      await w.sleep(Math.min(interval, left), w.signal);
    } catch (error) {
      if (w.signal?.aborted)
        throw new InterruptedError('Interrupted.', { suggestion: `Training goes on at HeyGen; resume with \`${w.resume}\`.` });
      throw error;
    }
    if (w.signal?.aborted)
      throw new InterruptedError('Interrupted.', { suggestion: `Training goes on at HeyGen; resume with \`${w.resume}\`.` });
    interval = Math.min(MAX_INTERVAL_MS, Math.round(interval * 1.5));
  }
}
