// Which failed status reads a wait sits out and which end it, and the resume line a wait that
// ends on one carries. Kept apart from the poll plan (schedule.ts, budget.ts): this is about
// what an answer means, not when to ask.
import { ApiError, isTwinError } from '../../shared/errors.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** 404s tolerated on the first reads of a wait (the API's read-after-write lag) before the video counts as gone. */
export const MAX_LAG_404 = 4;

/**
 * Worth waiting out: the network, rate limits and server errors (after the client's retries), and
 * a 2xx whose body was cut short or is not JSON (a proxy's page): the next read is usually whole.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === undefined) return error.code === 'network_error' || error.code === 'timeout';
  if (error.code === 'malformed_response' && error.status >= 200 && error.status < 300) return true;
  return error.status === 429 || error.status >= 500;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The same error with the command that picks the wait up again (and why it may work later). */
export function withResumeLine(error: unknown, ids: string[], resume: string): unknown {
  if (!isTwinError(error) || !(error instanceof ApiError)) return error;
  const when = isNotFound(error)
    ? `The API still does not know this video; if the create succeeded, it may answer later. Check with \`${twinInvocation()} video list\`, then resume with:`
    : 'The video keeps rendering; when the API is reachable again, resume with:';
  return new ApiError(error.message, {
    status: error.status,
    endpoint: error.endpoint,
    requestId: error.requestId,
    code: error.code,
    suggestion: `${when} ${resume}`,
    details: { ...error.details, video_ids: ids, resume },
    cause: error,
  });
}
