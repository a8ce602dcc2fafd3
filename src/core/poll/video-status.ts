// The status vocabulary of renders, shared by the pollers, the batch runner and what they show:
// which statuses mean what, how they are counted and how an elapsed time reads.

export type StatusPhase = 'not_started' | 'rendering' | 'completed' | 'failed' | 'not_found' | 'unknown';

/**
 * The vocabularies drift (contract §5.1, §10.2): create says `waiting`, GET says `pending`,
 * bulk status and batches say `queued`; the official CLI also treats `error` as failed.
 */
export function statusPhase(status: string): StatusPhase {
  switch (status) {
    case 'waiting':
    case 'queued':
    case 'pending':
      return 'not_started';
    case 'processing':
      return 'rendering';
    case 'completed':
      return 'completed';
    case 'failed':
    case 'error':
      return 'failed';
    case 'not_found':
      return 'not_found';
    default:
      return 'unknown';
  }
}

/** The label shown and counted for a status: the not-started variants become one word. */
export function statusLabel(status: string): string {
  return statusPhase(status) === 'not_started' ? 'queued' : status;
}

export function isTerminalStatus(status: string): boolean {
  const phase = statusPhase(status);
  return phase === 'completed' || phase === 'failed' || phase === 'not_found';
}

export function countLabels(statuses: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) {
    const label = statusLabel(status);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/** "3 completed, 2 processing, 1 queued" in a fixed order, unknown statuses last. */
export function describeCounts(counts: Record<string, number>): string {
  const order = ['completed', 'processing', 'queued', 'failed', 'not_found'];
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k) && counts[k])];
  return keys.map((k) => `${counts[k]} ${k}`).join(', ') || 'no status yet';
}

export { formatElapsed } from '../../shared/elapsed.js';
