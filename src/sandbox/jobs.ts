// What every rendering job shares: videos, translations and proofreads. A job's status is a pure
// function of the sandbox clock, so a test that moves `now()` forward sees it move on without
// waiting: pending for the first 10% of its render time, running until it ends, then completed (or
// failed when a fault chose so at creation). Each kind names the phases in its own vocabulary.
export type JobPhase = 'pending' | 'running' | 'completed' | 'failed';

const PENDING_SHARE = 0.1;

export function jobPhase(job: { createdAt: number; renderMs: number }, failed: boolean, now: number): JobPhase {
  const elapsed = now - job.createdAt;
  if (elapsed >= job.renderMs) return failed ? 'failed' : 'completed';
  return elapsed < job.renderMs * PENDING_SHARE ? 'pending' : 'running';
}

export function isTerminal(status: string): boolean {
  return status === 'completed' || status === 'failed';
}

interface Notifiable {
  notified: boolean;
  deleted?: boolean;
}

/** The live jobs not yet terminal: each takes one slot of the concurrency limit (contract §1.5). */
export function unfinished<T extends Notifiable>(jobs: Iterable<T>, status: (job: T) => string): T[] {
  return [...jobs].filter((job) => !job.deleted && !isTerminal(status(job)));
}

/**
 * Hands each live job that reached a terminal status to `emit`, once (the tick's webhooks): it is
 * marked notified first, so a later tick never sends its event again.
 */
export function settle<T extends Notifiable>(jobs: Iterable<T>, status: (job: T) => string, emit: (job: T, ok: boolean) => void): void {
  for (const job of jobs) {
    if (job.notified || job.deleted) continue;
    const s = status(job);
    if (!isTerminal(s)) continue;
    job.notified = true;
    emit(job, s === 'completed');
  }
}
