// Idempotency-Key (contract §1.6): scoped per route and path, replayed for 24 h, 409 while the first
// request is still being handled. Only 2xx answers are stored: a request that failed validation,
// hit the concurrency limit or crashed did nothing, so a retry with the same key runs again.
import { ApiError, invalidParameter } from './errors.js';
import type { Reply } from './router.js';
import type { State } from './state.js';

const KEY_PATTERN = /^[A-Za-z0-9_:.-]{1,255}$/;
const REPLAY_MS = 24 * 60 * 60 * 1000;

type IdempotencyStart = { kind: 'none' } | { kind: 'replay'; reply: Reply } | { kind: 'fresh'; scope: string };

export function beginIdempotent(state: State, routeKey: string, path: string, header: string | string[] | undefined): IdempotencyStart {
  if (header === undefined) return { kind: 'none' };
  const key = Array.isArray(header) ? (header[0] ?? '') : header;
  if (!KEY_PATTERN.test(key)) {
    throw invalidParameter('Idempotency-Key', 'Idempotency-Key must be 1-255 characters of A-Z, a-z, 0-9, _, :, . or -');
  }
  const scope = `${routeKey}\n${path}\n${key}`;
  const entry = state.idempotency.get(scope);
  if (entry?.state === 'pending') {
    throw new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still in progress; retry shortly.');
  }
  if (entry?.state === 'done' && entry.expiresAt > state.now()) {
    return {
      kind: 'replay',
      reply: { status: entry.status, body: entry.body, headers: { ...entry.headers, 'Idempotent-Replayed': 'true' } },
    };
  }
  state.idempotency.set(scope, { state: 'pending' });
  return { kind: 'fresh', scope };
}

export function finishIdempotent(state: State, start: IdempotencyStart, reply: Reply): void {
  if (start.kind !== 'fresh') return;
  const status = reply.status ?? 200;
  if (status >= 200 && status < 300) {
    state.idempotency.set(start.scope, {
      state: 'done',
      status,
      body: reply.body,
      headers: reply.headers ?? {},
      expiresAt: state.now() + REPLAY_MS,
    });
  } else {
    state.idempotency.delete(start.scope);
  }
}
