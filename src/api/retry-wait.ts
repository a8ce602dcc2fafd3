// Waits the server asked for (429 Retry-After, a 503 with Retry-After) are shown to the user
// while they run, and a Retry-After longer than twin is willing to wait ends the request with
// a message that says how long the server asked for and when to try again.
import { ApiError, type TwinError } from '../shared/errors.js';
import { formatElapsed } from '../shared/elapsed.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export interface RetryWait {
  /** e.g. "POST /v3/videos" */
  endpoint: string;
  delayMs: number;
  /** The status that caused the wait (429, 503...), when there was one. */
  status?: number;
  /** Short reason as in debug lines, e.g. "429 rate_limit_exceeded". */
  reason: string;
}

/** A Retry-After beyond the cap: stop, and say how long the server asked for. */
export function retryAfterTooLong(error: TwinError, retryAfterMs: number, capMs: number, now: number = Date.now()): TwinError {
  const when = new Date(now + retryAfterMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const endpoint = error instanceof ApiError ? error.endpoint : undefined;
  return new ApiError(
    `${endpoint ?? 'The API'} asked to wait ${formatElapsed(retryAfterMs)} before the next request (Retry-After), longer than twin waits (${formatElapsed(capMs)}).`,
    {
      code: error.code,
      status: error instanceof ApiError ? error.status : undefined,
      endpoint,
      requestId: error instanceof ApiError ? error.requestId : undefined,
      suggestion: `Try again after ${when}; in \`${twinInvocation()} batch run\`, lower --concurrency.`,
      details: { ...error.details, retry_after_ms: retryAfterMs },
      cause: error,
    },
  );
}
