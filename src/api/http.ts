// One request = a loop of attempts over undici: build the URL, send with a per-attempt
// deadline, map the outcome (errors.ts), ask retry.ts whether to go again. The key is only
// ever placed in the outgoing header object; every debug line and server-derived message
// goes through `redact` as a second line of defence.
import { Agent, destroyQuietly, type Dispatcher } from './undici.js';
import type { z } from 'zod';
import type { Schema } from './schemas.js';
import {
  ApiError,
  AuthError,
  InterruptedError,
  OutcomeUnknownError,
  UsageError,
  type TwinError,
  type UnknownOutcomeReason,
} from '../shared/errors.js';
import { normalizeBaseUrl } from './base-url.js';
import { errorFromResponse } from './errors.js';
import { networkError } from './network-errors.js';
import { MAX_JSON_BYTES, readCapped, tooLarge } from './body-cap.js';
import { DEFAULT_RETRY_POLICY, decideRetry, defaultSleep, parseRetryAfter, type RetryPolicy } from './retry.js';
import { retryAfterTooLong } from './retry-wait.js';
import packageJson from '../../package.json' with { type: 'json' };
import {
  fanOut,
  headerValue,
  parseSuccess,
  queryString,
  unknownAfter,
  userKey,
  type Outcome,
  type RequestSpec,
  type TransportOptions,
  type Transport,
} from './http-parts.js';

export {
  newIdempotencyKey,
  type QueryValue,
  type Transport,
  type TransportOptions,
} from './http-parts.js';
import { twinInvocation } from '../shared/twin-invocation.js';

/** Retry-After values are read up to this (a week); what is waited out is the policy's cap. */
const RETRY_AFTER_PARSE_CAP_MS = 7 * 24 * 3_600_000;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{1,255}$/;

export function createTransport(options: TransportOptions): Transport {
  const base = new URL(normalizeBaseUrl(options.baseUrl));
  const basePath = base.pathname.replace(/\/+$/, '');
  const apiKey = options.apiKey;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  const readTimeoutMs = options.readTimeoutMs ?? 30_000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 120_000;
  // The original of a keyed write cannot outlive our own write timeout by much.
  policy.inProgressBudgetMs = Math.max(writeTimeoutMs, 10_000);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_JSON_BYTES;
  const userAgent = options.userAgent ?? `heygen-twin/${packageJson.version}`;
  const { signal, detach } = fanOut(options.signal);
  const ownsDispatcher = !options.dispatcher;
  const dispatcher: Dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });

  const redact = (text: string): string => (apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text);
  const debug = (line: string): void => options.debug?.(redact(line));

  function checkPreconditions(spec: RequestSpec<Schema>): void {
    if (signal?.aborted) throw new InterruptedError();
    if (!apiKey.trim()) throw new AuthError('No HeyGen API key is configured.');
    // undici would reject a header with control characters; say so without echoing the key.
    if (/[^\x21-\x7e]/.test(apiKey)) {
      throw new AuthError('The HeyGen API key contains spaces or control characters.', {
        suggestion: `Copy the key again and run \`${twinInvocation()} auth login\`, or fix HEYGEN_API_KEY.`,
      });
    }
    if (spec.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(spec.idempotencyKey)) {
      throw new UsageError('The idempotency key must be 1-255 characters from A-Z a-z 0-9 _ : . -', {
        flag: 'idempotency-key',
      });
    }
  }

  async function request<S extends Schema>(spec: RequestSpec<S>): Promise<z.output<S>> {
    checkPreconditions(spec);
    const write = spec.method === 'POST' || spec.method === 'PATCH';
    const timeoutMs = spec.timeoutMs ?? (write ? writeTimeoutMs : readTimeoutMs);
    const state = { retries: 0, inProgressWaitedMs: 0, inProgressWaits: 0 };
    const shownKey = userKey(spec);
    const deadline = spec.budgetMs === undefined ? Infinity : performance.now() + Math.max(0, spec.budgetMs);
    const left = () => deadline - performance.now();
    // Once an attempt may have reached the server, a keyed write's outcome is unknown until an
    // answer says otherwise: a failure then must hand the key back, not invite a new one.
    let unknown: UnknownOutcomeReason | undefined;
    // Set once an attempt may have been carried out although we got no answer to it (5xx, a
    // dropped connection, a timeout): a later 404 on a DELETE then means the first one worked.
    let unanswered = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(spec, Math.max(1, Math.round(Math.min(timeoutMs, left()))), attempt).catch((error: unknown) => {
        throw error instanceof InterruptedError ? interrupted(spec, 'interrupted') : error;
      });
      if (outcome.ok) return outcome.value;
      unknown = unknownAfter(outcome, unknown);
      // A garbled answer is worth asking for again (the key replays it); an oversized one is not.
      const failure = {
        ...outcome,
        method: spec.method,
        keyed: spec.idempotencyKey !== undefined,
        repeatable: spec.repeatable,
        unreadable: outcome.unreadable === 'garbled',
      };
      let decision = decideRetry(failure, state, policy, random);
      // The caller's deadline comes first: a wait that would end past it is not started.
      if (decision.retry && decision.delayMs >= left()) decision = { retry: false };
      if (!decision.retry) {
        if (unanswered && outcome.error instanceof ApiError) outcome.error.afterUnansweredAttempt = true;
        const error = decision.tooLong ? retryAfterTooLong(outcome.error, outcome.retryAfterMs!, policy.retryAfterCapMs) : outcome.error;
        // The key is what lets the caller re-run this write safely; keep it with the failure.
        if (shownKey !== undefined) error.details.idempotency_key = shownKey;
        // A caller that waits on its own (the poller) honours the server's Retry-After too.
        if (outcome.retryAfterMs !== undefined) error.details.retry_after_ms = outcome.retryAfterMs;
        if (shownKey !== undefined && write && unknown !== undefined) throw outcomeUnknown(spec, shownKey, unknown, error);
        throw error;
      }
      if (outcome.network !== undefined || (outcome.status !== undefined && outcome.status >= 500)) unanswered = true;
      if (decision.kind === 'retry') state.retries++;
      else {
        state.inProgressWaits++;
        state.inProgressWaitedMs += decision.delayMs;
      }
      const budget = decision.kind === 'retry' ? ` (retry ${state.retries}/${policy.maxRetries})` : '';
      debug(`http retry ${spec.method} ${spec.path} in ${decision.delayMs}ms after ${decision.reason}${budget}`);
      const shown = options.onWait?.({
        endpoint: spec.endpoint,
        delayMs: decision.delayMs,
        status: outcome.status,
        reason: decision.reason,
      });
      try {
        await pause(decision.delayMs);
      } catch (error) {
        throw error instanceof InterruptedError ? interrupted(spec, unknown) : error;
      } finally {
        shown?.();
      }
    }
  }

  /**
   * Ctrl-C on a keyed write. In flight (or after an attempt that may have gone through), the
   * outcome is unknown: the caller gets the key to re-send without a second render.
   */
  function interrupted(spec: RequestSpec<Schema>, unknown: UnknownOutcomeReason | undefined): TwinError {
    const key = userKey(spec);
    const write = spec.method === 'POST' || spec.method === 'PATCH';
    if (key !== undefined && write && unknown !== undefined) {
      return outcomeUnknown(spec, key, 'interrupted', new InterruptedError());
    }
    return new InterruptedError('Interrupted.', { details: key === undefined ? {} : { idempotency_key: key } });
  }

  function outcomeUnknown(spec: RequestSpec<Schema>, key: string, reason: UnknownOutcomeReason, cause: TwinError): OutcomeUnknownError {
    const what = reason === 'interrupted' ? `Interrupted while ${spec.endpoint} was in flight` : cause.message.replace(/\.$/, '');
    return new OutcomeUnknownError(`${what}; it may have gone through.`, {
      idempotencyKey: key,
      reason,
      endpoint: spec.endpoint,
      details: Object.fromEntries(Object.entries(cause.details).filter(([name]) => name !== 'idempotency_key')),
      cause,
    });
  }

  async function pause(ms: number): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw new InterruptedError();
      throw error;
    }
    if (signal?.aborted) throw new InterruptedError();
  }

  async function attemptOnce<S extends Schema>(spec: RequestSpec<S>, timeoutMs: number, attempt: number): Promise<Outcome<z.output<S>>> {
    const path = `${basePath}${spec.path}${queryString(spec.query)}`;
    const headers: Record<string, string> = {
      'x-api-key': apiKey,
      'user-agent': userAgent,
      accept: 'application/json',
    };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.rawBody) headers['content-type'] = spec.rawBody.contentType;
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
    const keyNote = spec.idempotencyKey ? ` idempotency-key=${spec.idempotencyKey}` : '';
    debug(`http -> ${spec.method} ${path} attempt ${attempt}${keyNote}`);

    // Our own deadline covers connect + headers + the whole body; undici's headers/body
    // timeouts only bound the gaps, so a trickling body could otherwise run forever.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    let status: number;
    let bodyText: string;
    let requestId: string | undefined;
    let retryAfter: string | string[] | undefined;
    try {
      const response = await dispatcher.request({
        origin: base.origin,
        path,
        method: spec.method,
        headers,
        body: spec.rawBody ? spec.rawBody.bytes : spec.body === undefined ? null : JSON.stringify(spec.body),
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      requestId = headerValue(response.headers['x-request-id']);
      retryAfter = response.headers['retry-after'];
      // Memory stays bounded whatever the server sends: past the cap, reading stops.
      const text = await readCapped(response.body, response.headers['content-length'], maxBodyBytes);
      if (text === undefined) {
        const error = tooLarge({ endpoint: spec.endpoint, status, requestId, maxBytes: maxBodyBytes });
        debug(`http <- ${status} ${spec.method} ${path} body over ${maxBodyBytes} bytes, not read`);
        return { ok: false, error, status, ...(status >= 200 && status < 300 ? { unreadable: 'oversize' as const } : {}) };
      }
      bodyText = text;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      if (signal?.aborted) {
        debug(`http x ${spec.method} ${path} ${ms}ms interrupted`);
        throw new InterruptedError();
      }
      const mapped = networkError(error, {
        endpoint: spec.endpoint,
        baseUrl: base.origin,
        timedOut,
        timeoutMs,
        idempotencyKey: userKey(spec),
      });
      debug(
        `http x ${spec.method} ${path} ${ms}ms ${mapped.kind}${mapped.error.details.cause_code ? ` (${String(mapped.error.details.cause_code)})` : ''}`,
      );
      return { ok: false, error: mapped.error, network: mapped.kind };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    const ms = Math.round(performance.now() - started);
    debug(`http <- ${status} ${spec.method} ${path} ${ms}ms${requestId ? ` request-id=${requestId}` : ''}`);
    const facts = { endpoint: spec.endpoint, status, requestId };
    if (status >= 200 && status < 300) {
      // A DELETE may answer 204 (or 200 with nothing): the deletion happened, there is just no body.
      const text = spec.method === 'DELETE' && bodyText.trim() === '' ? '{"data":{}}' : bodyText;
      return parseSuccess(spec.schema, text, { ...facts, redact });
    }

    const error = errorFromResponse({ ...facts, bodyText, redact, idempotencyKey: userKey(spec) });
    return {
      ok: false,
      error,
      status,
      apiCode: 'apiCode' in error && typeof error.apiCode === 'string' ? error.apiCode : undefined,
      retryAfterMs: parseRetryAfter(retryAfter, RETRY_AFTER_PARSE_CAP_MS),
    };
  }

  return {
    request,
    async close() {
      detach();
      if (ownsDispatcher) await destroyQuietly(dispatcher);
    },
  };
}
