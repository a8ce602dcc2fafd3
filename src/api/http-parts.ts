// The transport's shapes (options, one request, its outcome) and the small pure pieces of one
// attempt: the query string, a success body parsed against its schema, whether a keyed write may
// have run, and one abort listener fanned out to every request in flight.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Schema } from './schemas.js';
import type { TwinError, UnknownOutcomeReason } from '../shared/errors.js';
import { malformedResponse } from './errors.js';
import type { NetworkKind } from './network-errors.js';
import type { RetryWait } from './retry-wait.js';
import type { Dispatcher } from './undici.js';
import * as z from '../shared/zod-mini.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  maxRetries?: number;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  debug?: (line: string) => void;
  userAgent?: string;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
  /** Largest response body read, in bytes (default 4 MiB); a larger one is an error naming the endpoint. */
  maxBodyBytes?: number;
  /** A server-asked wait is starting (429 Retry-After, 503); returns what ends its display. */
  onWait?: (wait: RetryWait) => (() => void) | void;
}

export interface RequestSpec<S extends Schema> {
  method: HttpMethod;
  /** Real path with encoded params, e.g. /v3/videos/abc. */
  path: string;
  /** Template for messages, e.g. "GET /v3/videos/{id}". */
  endpoint: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string;
  /**
   * The key was minted here, not by the caller: it still makes a retry replay the first answer,
   * but no message tells the user to re-run with it (their command has no such flag).
   */
  internalKey?: boolean;
  /** A body that is not JSON (multipart uploads): sent as is, with its own Content-Type. */
  rawBody?: { contentType: string; bytes: Uint8Array };
  /** Per-attempt deadline instead of the read/write default (uploads take longer). */
  timeoutMs?: number;
  /**
   * Sending this write twice does no harm (it sets absolute values), so a 5xx or a lost answer
   * may be retried although the API honours no Idempotency-Key here (contract §1.6).
   */
  repeatable?: boolean;
  /**
   * The whole request (every attempt and every wait between them) ends within this many ms: a
   * caller with its own deadline (a --timeout) passes what is left of it.
   */
  budgetMs?: number;
  schema: S;
}

export interface Transport {
  request<S extends Schema>(spec: RequestSpec<S>): Promise<z.output<S>>;
  close(): Promise<void>;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: TwinError;
      status?: number;
      apiCode?: string;
      network?: NetworkKind;
      retryAfterMs?: number;
      /** A 2xx whose body could not be read (garbled, or over the size cap): the work may be done. */
      unreadable?: 'garbled' | 'oversize';
    };

export function parseSuccess<S extends Schema>(
  schema: S,
  bodyText: string,
  facts: { endpoint: string; status: number; requestId?: string; redact: (text: string) => string },
): Outcome<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return { ok: false, error: malformedResponse(facts, { bodyText }), status: facts.status, unreadable: 'garbled' };
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success)
    return { ok: false, error: malformedResponse(facts, { zodError: parsed.error }), status: facts.status, unreadable: 'garbled' };
  return { ok: true, value: parsed.data };
}

/** Empty values are left out; arrays become comma-separated lists (bulk statuses). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function newIdempotencyKey(): string {
  return randomUUID();
}

/**
 * Every attempt and retry sleep listens for Ctrl-C. On the caller's signal that would be one
 * listener per request in flight, and past 10 Node prints a MaxListenersExceededWarning (a batch
 * at --concurrency 20 would). So the transport listens once and fans out through its own signal.
 */
export function fanOut(outer: AbortSignal | undefined): { signal: AbortSignal | undefined; detach: () => void } {
  if (!outer) return { signal: undefined, detach: () => {} };
  const local = new AbortController();
  setMaxListeners(0, local.signal);
  const forward = () => local.abort(outer.reason);
  if (outer.aborted) forward();
  else {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent: a signal aborts once
    outer.addEventListener('abort', forward, { once: true });
  }
  return { signal: local.signal, detach: () => outer.removeEventListener('abort', forward) };
}

/** Whether a keyed write may have run, after this attempt (given what earlier ones left). */
export function unknownAfter(
  outcome: Exclude<Outcome<unknown>, { ok: true }>,
  before: UnknownOutcomeReason | undefined,
): UnknownOutcomeReason | undefined {
  if (outcome.unreadable) return 'unreadable';
  if (outcome.network === 'dropped' || outcome.network === 'timeout' || outcome.network === 'other') return 'network';
  // Stryker disable next-line ConditionalExpression: equivalent: undefined >= 500 is false anyway
  if (outcome.status !== undefined && outcome.status >= 500) return 'server_error';
  return definite(outcome) ? undefined : before;
}

/** An API answer that settles the request: a 4xx other than "slow down" or "still running". */
function definite(outcome: { status?: number; apiCode?: string }): boolean {
  const { status, apiCode } = outcome;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent for the 5xx part: unknownAfter answers every 5xx before asking
  if (status === undefined || status < 400 || status >= 500 || status === 429) return false;
  return !(status === 409 && apiCode === 'request_in_progress');
}

export function userKey(spec: RequestSpec<Schema>): string | undefined {
  return spec.internalKey ? undefined : spec.idempotencyKey;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
