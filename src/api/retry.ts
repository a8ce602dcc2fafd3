// When a failed request may be sent again, and after how long. Only what is safe: a 429
// was never processed, so it is retried on any method; 5xx, dropped connections and
// timeouts may have been processed, so they are retried only on reads and on writes that
// carry an Idempotency-Key (the server replays the first result instead of rendering twice).
import type { NetworkKind } from './network-errors.js';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** ±fraction applied to backoff delays so many clients do not retry in lockstep. */
  jitter: number;
  /**
   * The longest server-sent Retry-After that is waited out (shown as a countdown). A longer one
   * is not clamped (that would retry before the server allows it): the request stops and says so.
   */
  retryAfterCapMs: number;
  /** Total time spent waiting out `409 request_in_progress` on one call. */
  inProgressBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.25,
  retryAfterCapMs: 60 * 60_000,
  inProgressBudgetMs: 120_000,
};

interface FailedAttempt {
  method: string;
  keyed: boolean;
  /** A write that sets absolute values: repeating it is harmless (see RequestSpec.repeatable). */
  repeatable?: boolean;
  status?: number;
  apiCode?: string;
  network?: NetworkKind;
  retryAfterMs?: number;
  /** A 2xx whose body could not be read (truncated, not JSON, not the documented shape). */
  unreadable?: boolean;
}

interface RetryState {
  /** Retries already spent (429, 5xx, network). */
  retries: number;
  /** Time already spent waiting on request_in_progress. */
  inProgressWaitedMs: number;
  inProgressWaits: number;
}

type RetryDecision = { retry: false; tooLong?: boolean } | { retry: true; delayMs: number; reason: string; kind: 'retry' | 'in-progress' };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'PUT']);
/** Transient server states; 501, 505 and the like will answer the same way every time. */
const RETRIABLE_5XX = new Set([500, 502, 503, 504]);
/** Connection refused and DNS failures are not transient for a CLI run: fail fast. */
const RETRIABLE_NETWORK = new Set<NetworkKind>(['dropped', 'timeout']);

export function decideRetry(failure: FailedAttempt, state: RetryState, policy: RetryPolicy, random: () => number): RetryDecision {
  const replayable = SAFE_METHODS.has(failure.method) || failure.keyed || failure.repeatable === true;
  const { status } = failure;

  // The first request with this key is still running: not a failure, wait for its result.
  if (status === 409 && failure.apiCode === 'request_in_progress' && failure.keyed) {
    const delayMs = failure.retryAfterMs ?? Math.min(1000 * 2 ** Math.min(state.inProgressWaits, 3), 5000);
    if (state.inProgressWaitedMs + delayMs > policy.inProgressBudgetMs) return { retry: false };
    return { retry: true, delayMs, reason: '409 request_in_progress', kind: 'in-progress' };
  }

  if (state.retries >= policy.maxRetries) return { retry: false };
  const backoff = () => backoffDelay(state.retries, policy, random);

  // A Retry-After past the cap is honoured by stopping, never by retrying early.
  // Stryker disable next-line ConditionalExpression: equivalent: undefined > cap is false anyway
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.retryAfterCapMs) return { retry: false, tooLong: true };
  if (status === 429) {
    return { retry: true, delayMs: failure.retryAfterMs ?? backoff(), reason: describe(failure), kind: 'retry' };
  }
  // Stryker disable next-line ConditionalExpression: equivalent: the set has no undefined
  if (status !== undefined && RETRIABLE_5XX.has(status) && replayable) {
    return { retry: true, delayMs: failure.retryAfterMs ?? backoff(), reason: describe(failure), kind: 'retry' };
  }
  // A keyed write whose 2xx came back garbled: the same key replays the stored answer.
  if (failure.unreadable && failure.keyed) {
    return { retry: true, delayMs: backoff(), reason: 'an unreadable 2xx body', kind: 'retry' };
  }
  if (failure.network && RETRIABLE_NETWORK.has(failure.network) && replayable) {
    return { retry: true, delayMs: backoff(), reason: failure.network, kind: 'retry' };
  }
  return { retry: false };
}

/** Exponential from baseDelayMs, capped, with ±jitter. `retry` is 0 for the first retry. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const raw = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  const factor = 1 + (random() * 2 - 1) * policy.jitter;
  return Math.max(0, Math.round(raw * factor));
}

/** Retry-After as integer seconds or an HTTP-date, in ms, clamped to [0, capMs]. */
export function parseRetryAfter(header: string | string[] | undefined, capMs: number, now: number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  // Stryker disable next-line ConditionalExpression: equivalent: an empty value matches no number and parses to no date
  if (!value) return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.round(Math.min(Math.max(ms, 0), capMs));
}

export { sleep as defaultSleep } from '../shared/sleep.js';

function describe(failure: FailedAttempt): string {
  return [failure.status, failure.apiCode].filter((part) => part !== undefined).join(' ');
}
