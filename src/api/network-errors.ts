// Requests that got no usable response (refused, dropped, timed out, DNS): one ApiError each,
// classified so the retry policy knows whether the request may have been carried out.
import { ApiError } from '../shared/errors.js';
import { formatMs, rerunHint } from './errors.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export type NetworkKind = 'timeout' | 'dropped' | 'refused' | 'dns' | 'other';

/** A request that got no usable response. `kind` drives the retry decision. */
export function networkError(
  error: unknown,
  facts: { endpoint: string; baseUrl: string; timedOut: boolean; timeoutMs: number; idempotencyKey?: string },
): { error: ApiError; kind: NetworkKind } {
  const code = findErrorCode(error);
  const kind = classifyNetwork(code, facts.timedOut, error);
  const where = `${facts.endpoint} (${facts.baseUrl})`;
  const text: Record<NetworkKind, string> = {
    timeout: `${where} did not answer within ${formatMs(facts.timeoutMs)}.`,
    dropped: `${where}: the connection was closed before a complete response arrived.`,
    refused: `${where}: could not connect (connection refused).`,
    dns: `${where}: the host name could not be resolved.`,
    other: `${where}: the request failed (${code ?? errorName(error)}).`,
  };
  const rerun = rerunHint(facts.idempotencyKey);
  const suggestion =
    kind === 'timeout'
      ? `The API is slow or unreachable; retry later${rerun}.`
      : kind === 'dropped'
        ? `The connection was cut; retry later${rerun}.`
        : `Check HEYGEN_API_BASE and your network; if you use the local sandbox, is \`${twinInvocation()} sandbox\` running?`;
  return {
    kind,
    error: new ApiError(text[kind], {
      code: kind === 'timeout' ? 'timeout' : 'network_error',
      endpoint: facts.endpoint,
      suggestion,
      details: code ? { cause_code: code } : {},
      cause: error,
    }),
  };
}

const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR']);

function classifyNetwork(code: string | undefined, timedOut: boolean, error: unknown): NetworkKind {
  if (timedOut || (code && TIMEOUTS.has(code))) return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if ((code && DROPPED.has(code)) || /other side closed|socket hang up|terminated/i.test(errorMessage(error))) {
    return 'dropped';
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'dropped';
  return 'other';
}

/** Walks `cause` and AggregateError members (happy-eyeballs connect) for a code. */
function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = findErrorCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return findErrorCode((error as { cause?: unknown }).cause, depth + 1);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
