// The transport's own promises, one request at a time (issue 27: the mutants of api/http.ts the
// client tests did not see): the headers every request carries, which deadline applies, what is
// said in debug lines and to the wait display, and how an interruption or an odd answer ends a
// keyed write. Against the sandbox, and a scripted local server for answers the sandbox never gives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { createTransport, type TransportOptions } from '../../src/api/http.js';
import { Agent } from '../../src/api/undici.js';
import type { RetryWait } from '../../src/api/retry-wait.js';
import { ApiError, AuthError, InterruptedError, OutcomeUnknownError, UsageError } from '../../src/shared/errors.js';
import { caught, receivedSince, useSandboxClient } from './helpers.js';

const env = useSandboxClient();
const ME = { method: 'GET', path: '/v3/users/me', endpoint: 'GET /v3/users/me', schema: z.unknown() } as const;
const CREATE = { method: 'POST', path: '/v3/webhooks/endpoints', endpoint: 'POST /v3/webhooks/endpoints', schema: z.unknown() } as const;

function transport(extra: Partial<TransportOptions> = {}) {
  const sleeps: number[] = [];
  const debug: string[] = [];
  const t = createTransport({
    baseUrl: env.sandbox.url,
    apiKey: env.sandbox.apiKey,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    debug: (line) => debug.push(line),
    ...extra,
  });
  return { t, sleeps, debug };
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Array<ReturnType<typeof createServer>> = [];
/** A local server answering each request with the next handler (the last one repeats). */
async function scripted(...handlers: Handler[]): Promise<{ url: string; requests: Array<{ headers: IncomingMessage['headers'] }> }> {
  const requests: Array<{ headers: IncomingMessage['headers'] }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers });
      handlers[Math.min(requests.length, handlers.length) - 1]!(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('what every request carries', () => {
  it('the key, our user agent, JSON accept; a JSON content type only with a body; the key header only when keyed', async () => {
    const { t } = transport();
    const from = env.sandbox.received.length;
    try {
      await t.request(ME);
      await t.request({ ...CREATE, body: { url: 'https://example.com/h' }, idempotencyKey: 'k-1' });
    } finally {
      await t.close();
    }
    const [get] = receivedSince(env.sandbox, from, 'GET', '/v3/users/me');
    expect(get!.headers).toMatchObject({
      'x-api-key': '[redacted]',
      'user-agent': `heygen-twin/${packageJson.version}`,
      accept: 'application/json',
    });
    expect(get!.headers['content-type']).toBeUndefined();
    expect(get!.headers['idempotency-key']).toBeUndefined();
    const [post] = receivedSince(env.sandbox, from, 'POST', '/v3/webhooks/endpoints');
    expect(post!.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'k-1' });
    expect(post!.body).toEqual({ url: 'https://example.com/h' });
  });

  it('a raw body goes as is with its own content type; a user agent can be given', async () => {
    const server = await scripted((_req, res, body) => res.writeHead(200).end(JSON.stringify({ got: body })));
    const { t } = transport({ baseUrl: server.url, userAgent: 'custom/1' });
    try {
      const answer = await t.request({
        ...CREATE,
        rawBody: { contentType: 'text/plain; charset=utf-8', bytes: new TextEncoder().encode('raw bytes') },
      });
      expect(answer).toEqual({ got: 'raw bytes' });
    } finally {
      await t.close();
    }
    expect(server.requests[0]!.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'user-agent': 'custom/1' });
  });

  it('a base URL with a path prefixes every request path', async () => {
    const paths: string[] = [];
    const server = await scripted((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200).end('{}');
    });
    const { t } = transport({ baseUrl: `${server.url}/proxy/heygen/` });
    try {
      await t.request({ ...ME, query: { limit: 2 } });
    } finally {
      await t.close();
    }
    expect(paths).toEqual(['/proxy/heygen/v3/users/me?limit=2']);
  });
});

describe('refused before anything is sent', () => {
  it('a blank key, a key with a space, an aborted signal, a malformed idempotency key', async () => {
    const from = env.sandbox.received.length;
    const blank = transport({ apiKey: '   ' });
    const blankError = await caught(blank.t.request(ME));
    expect(blankError).toBeInstanceOf(AuthError);
    expect(blankError.message).toBe('No HeyGen API key is configured.');
    const spaced = transport({ apiKey: 'abc def' });
    const spacedError = await caught(spaced.t.request(ME));
    expect(spacedError).toBeInstanceOf(AuthError);
    expect(spacedError.message).toBe('The HeyGen API key contains spaces or control characters.');
    expect(spacedError.suggestion).toBe('Copy the key again and run `twin auth login`, or fix HEYGEN_API_KEY.');
    const controller = new AbortController();
    controller.abort();
    const aborted = transport({ signal: controller.signal });
    expect(await caught(aborted.t.request(ME))).toBeInstanceOf(InterruptedError);
    const keyed = transport();
    const badKey = await caught(keyed.t.request({ ...CREATE, body: {}, idempotencyKey: 'has space' }));
    expect(badKey).toBeInstanceOf(UsageError);
    expect(badKey.details.flag).toBe('idempotency-key');
    await Promise.all([blank, spaced, aborted, keyed].map(({ t }) => t.close()));
    expect(env.sandbox.received.length).toBe(from);
  });
});

describe('which deadline applies', () => {
  it('reads get the read timeout, writes (POST and PATCH) the write timeout, a request its own', async () => {
    const { t } = transport({ readTimeoutMs: 100, writeTimeoutMs: 5000, maxRetries: 0 });
    try {
      env.sandbox.inject({ kind: 'slow', route: 'POST /v3/webhooks/endpoints', ms: 400 });
      const created = (await t.request({ ...CREATE, body: { url: 'https://example.com/slow' } })) as { data: { endpoint_id: string } };
      const id = created.data.endpoint_id;
      env.sandbox.inject({ kind: 'slow', route: 'PATCH /v3/webhooks/endpoints/:id', ms: 400 });
      await t.request({
        method: 'PATCH',
        path: `/v3/webhooks/endpoints/${id}`,
        endpoint: 'PATCH /v3/webhooks/endpoints/{id}',
        body: { url: 'https://example.com/x' },
        schema: z.unknown(),
      });
      env.sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 400 });
      await t.request({ ...ME, timeoutMs: 5000 });
      env.sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 400 });
      const error = await caught(t.request(ME));
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('did not answer within 100 ms');
    } finally {
      await t.close();
    }
  });
});

describe('what is said while retrying', () => {
  it('debug lines name the attempt, the key, the answer and the retry budget; the wait display hears each wait', async () => {
    const waits: RetryWait[] = [];
    let ended = 0;
    const { t, debug, sleeps } = transport({
      onWait: (wait) => {
        waits.push(wait);
        return () => ended++;
      },
    });
    env.sandbox.inject({ kind: '503', route: 'POST /v3/webhooks/endpoints', retryAfter: '2' });
    env.sandbox.inject({ kind: 'drop-before', route: 'POST /v3/webhooks/endpoints' });
    try {
      await t.request({ ...CREATE, body: { url: 'https://example.com/h' }, idempotencyKey: 'dbg-1' });
    } finally {
      await t.close();
    }
    expect(sleeps).toEqual([2000, 1000]);
    expect(waits).toEqual([
      { endpoint: 'POST /v3/webhooks/endpoints', delayMs: 2000, status: 503, reason: '503 internal_error' },
      { endpoint: 'POST /v3/webhooks/endpoints', delayMs: 1000, status: undefined, reason: 'dropped' },
    ]);
    expect(ended).toBe(2);
    const shape = debug.map((line) =>
      (/^http (<-|x) /.test(line) ? line.replace(/ \d+ms/, ' Nms') : line).replace(/request-id=\S+/, 'request-id=R'),
    );
    expect(shape).toEqual([
      'http -> POST /v3/webhooks/endpoints attempt 1 idempotency-key=dbg-1',
      'http <- 503 POST /v3/webhooks/endpoints Nms request-id=R',
      'http retry POST /v3/webhooks/endpoints in 2000ms after 503 internal_error (retry 1/3)',
      'http -> POST /v3/webhooks/endpoints attempt 2 idempotency-key=dbg-1',
      expect.stringMatching(/^http x POST \/v3\/webhooks\/endpoints Nms dropped( \(\w+\))?$/),
      'http retry POST /v3/webhooks/endpoints in 1000ms after dropped (retry 2/3)',
      'http -> POST /v3/webhooks/endpoints attempt 3 idempotency-key=dbg-1',
      'http <- 200 POST /v3/webhooks/endpoints Nms request-id=R',
    ]);
  });

  it('a key of three characters or fewer is not redacted (it would mangle every line); four are', async () => {
    const server = await scripted((req, res) =>
      res.writeHead(401).end(JSON.stringify({ error: { code: 'x', message: `bad ${req.headers['x-api-key']} key` } })),
    );
    const short = transport({ baseUrl: server.url, apiKey: 'GET' });
    const long = transport({ baseUrl: server.url, apiKey: 'GETS' });
    try {
      await caught(short.t.request(ME));
      expect(short.debug[0]).toBe('http -> GET /v3/users/me attempt 1');
      const error = await caught(long.t.request(ME));
      expect(error.message).not.toContain('GETS');
      expect(error.message).toContain('[redacted]');
    } finally {
      await Promise.all([short.t.close(), long.t.close()]);
    }
  });
});

describe('how an interruption ends a request', () => {
  it('in the wait after a 429 (never processed): a plain interruption that still hands back the key', async () => {
    const controller = new AbortController();
    const { t } = transport({ signal: controller.signal, sleep: async () => controller.abort() });
    env.sandbox.inject({ kind: '429', route: 'POST /v3/webhooks/endpoints', retryAfter: '1' });
    const error = await caught(t.request({ ...CREATE, body: { url: 'https://example.com/h' }, idempotencyKey: 'int-1' }));
    await t.close();
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toBe('Interrupted.');
    expect(error.details).toEqual({ idempotency_key: 'int-1' });
  });

  it('in the wait after a 5xx on a keyed write: an unknown outcome, "interrupted"', async () => {
    const controller = new AbortController();
    const { t } = transport({
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error('the sleep was aborted');
      },
    });
    env.sandbox.inject({ kind: '503', route: 'POST /v3/webhooks/endpoints' });
    const error = await caught(t.request({ ...CREATE, body: { url: 'https://example.com/h' }, idempotencyKey: 'int-2' }));
    await t.close();
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toBe('Interrupted while POST /v3/webhooks/endpoints was in flight; it may have gone through.');
    expect(error.details).toMatchObject({ idempotency_key: 'int-2', reason: 'interrupted' });
  });

  it('a read interrupted in its wait has no key to hand back; a sleep that fails on its own is that failure', async () => {
    const controller = new AbortController();
    const read = transport({ signal: controller.signal, sleep: async () => controller.abort() });
    env.sandbox.inject({ kind: '503', route: 'GET /v3/users/me' });
    const error = await caught(read.t.request(ME));
    await read.t.close();
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.details).toEqual({});
    const broken = transport({
      sleep: async () => {
        throw new Error('timer broke');
      },
    });
    env.sandbox.inject({ kind: '503', route: 'GET /v3/users/me' });
    await expect(broken.t.request(ME)).rejects.toThrow('timer broke');
    await broken.t.close();
  });
});

describe('odd answers to a keyed write', () => {
  it('an oversized 2xx is not asked for again (the answer would be as big): an unknown outcome that keeps the key', async () => {
    const server = await scripted((_req, res) => res.writeHead(201).end(JSON.stringify({ pad: 'x'.repeat(500) })));
    const { t } = transport({ baseUrl: server.url, maxBodyBytes: 100 });
    const error = await caught(t.request({ ...CREATE, body: {}, idempotencyKey: 'big-1' }));
    await t.close();
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ idempotency_key: 'big-1', reason: 'unreadable' });
  });

  it('an oversized 4xx is a plain refusal: nothing was done', async () => {
    const server = await scripted((_req, res) => res.writeHead(400).end(JSON.stringify({ pad: 'x'.repeat(500) })));
    const { t } = transport({ baseUrl: server.url, maxBodyBytes: 100 });
    const error = await caught(t.request({ ...CREATE, body: {}, idempotencyKey: 'big-2' }));
    await t.close();
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('response_too_large');
    expect(error.details.idempotency_key).toBe('big-2');
  });

  it('a 409 request_in_progress is waited out, counted apart from retries', async () => {
    const inProgress: Handler = (_req, res) =>
      res.writeHead(409).end(JSON.stringify({ error: { code: 'request_in_progress', message: 'busy' } }));
    const server = await scripted(inProgress, inProgress, (_req, res) => res.writeHead(201).end('{"data":{"ok":true}}'));
    const { t, sleeps, debug } = transport({ baseUrl: server.url });
    expect(await t.request({ ...CREATE, body: {}, idempotencyKey: 'busy-1' })).toEqual({ data: { ok: true } });
    await t.close();
    expect(sleeps).toEqual([1000, 2000]);
    expect(debug.filter((line) => line.startsWith('http retry'))).toEqual([
      'http retry POST /v3/webhooks/endpoints in 1000ms after 409 request_in_progress',
      'http retry POST /v3/webhooks/endpoints in 2000ms after 409 request_in_progress',
    ]);
  });

  it('the in-progress budget is the write timeout, but never under 10 s', async () => {
    const inProgress: Handler = (_req, res) =>
      res.writeHead(409).end(JSON.stringify({ error: { code: 'request_in_progress', message: 'busy' } }));
    const server = await scripted(inProgress);
    const { t, sleeps } = transport({ baseUrl: server.url, writeTimeoutMs: 1000 });
    const error = await caught(t.request({ ...CREATE, body: {}, idempotencyKey: 'busy-2' }));
    await t.close();
    expect((error as ApiError).status).toBe(409);
    // 1 + 2 + 4 = 7 s waited; a fourth wait of 5 s would pass 10 s.
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });
});

describe('what the caller keeps', () => {
  it('a Retry-After not waited out here is handed on (the poller honours it)', async () => {
    const { t } = transport({ maxRetries: 0 });
    env.sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '3' });
    const error = await caught(t.request(ME));
    await t.close();
    expect(error.details.retry_after_ms).toBe(3000);
  });

  it('a dispatcher given by the caller stays open when the transport closes', async () => {
    const dispatcher = new Agent();
    const first = transport({ dispatcher });
    await first.t.request(ME);
    await first.t.close();
    const second = transport({ dispatcher });
    try {
      expect(await second.t.request(ME)).toBeDefined();
    } finally {
      await second.t.close();
      await dispatcher.close();
    }
  });
});
