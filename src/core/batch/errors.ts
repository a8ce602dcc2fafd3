// How the batch engine reads a failed request (after the API client's own retries): a
// passing trouble to wait out, a problem with one row, or a reason to stop the whole run.
import { ApiError, AuthError, isTwinError, OutcomeUnknownError } from '../../shared/errors.js';
import type { RowError } from './journal.js';

/** Rate limits, server errors and the network: the row goes back in the queue. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === undefined) return error.code === 'network_error' || error.code === 'timeout';
  if (error.status === 429) return error.apiCode !== 'quota_exceeded';
  return error.status >= 500 || (error.status === 409 && error.apiCode === 'request_in_progress');
}

/**
 * Did a create fail in a way that leaves its outcome unknown: sent, but no readable answer
 * (the connection dropped or timed out after the client's last retry, a 2xx whose body could
 * not be read, a server error)? The video may exist: the row keeps its Idempotency-Key, so a
 * new attempt is answered with that video instead of a second render. Only a clear refusal
 * (a 4xx with the API's error) is a real failure that may take a new key.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof OutcomeUnknownError) return true; // the client's own verdict, after its retries
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'malformed_response') return error.status === undefined || error.status < 300 || error.status >= 500;
  if (error.status === undefined) return error.code === 'network_error' || error.code === 'timeout';
  return error.status >= 500;
}

/** Nothing else can succeed either: no key, no permission, no credits, no quota. */
export function isFatal(error: unknown): boolean {
  if (error instanceof AuthError) return true;
  if (!(error instanceof ApiError)) return !isTwinError(error);
  return error.status === 402 || error.apiCode === 'insufficient_credit' || error.apiCode === 'quota_exceeded';
}

export function rowError(error: unknown): RowError {
  if (isTwinError(error)) return { code: error.code, message: error.message };
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** The `error` object of a bulk-status entry (or a failed video) as a row error. */
export function renderError(raw: unknown, fallback: string): RowError {
  const e = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : 'render_failed';
  const message = typeof e.message === 'string' ? e.message : typeof e.msg === 'string' ? e.msg : fallback;
  return { code, message };
}
