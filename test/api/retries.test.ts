// Retry rules proven against injected faults. Sleeps are recorded, not waited, so every
// backoff is asserted exactly and the file runs in milliseconds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTransport } from '../../src/api/http.js';
import { type ApiError, InterruptedError, OutcomeUnknownError } from '../../src/shared/errors.js';
import { caught, makeClient, receivedSince, useSandboxClient, videoBody, type TestClient } from './helpers.js';

const env = useSandboxClient();
let sandbox: typeof env.sandbox;
/** A fresh client per test, so its recorded sleeps and debug lines are this test's alone. */
let t: TestClient;
beforeEach(() => {
  sandbox = env.sandbox;
  t = makeClient(sandbox);
});
afterEach(async () => {
  await t.client.close();
});

describe('429', () => {
  it('honours Retry-After in seconds on any method', async () => {
    sandbox.inject({ kind: '429', route: 'POST /v3/webhooks/endpoints', retryAfter: '2' });
    const endpoint = await t.client.createWebhookEndpoint({ url: 'https://example.com/h' });
    expect(endpoint.endpoint_id).toMatch(/\S/);
    expect(t.sleeps).toEqual([2000]);
    expect(sandbox.counters.requests['POST /v3/webhooks/endpoints']).toBe(2);
  });

  it('honours Retry-After as an HTTP date, and gives up after maxRetries', async () => {
    const when = new Date(Date.now() + 60_000).toUTCString();
    sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: when, times: 4 }); // exactly the 1 + 3 attempts
    const error = (await caught(t.client.getMe())) as ApiError;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.suggestion).toContain('--concurrency');
    expect(t.sleeps).toHaveLength(3);
    for (const ms of t.sleeps) expect(ms).toBeGreaterThan(55_000);
    expect(sandbox.counters.requests['GET /v3/users/me']).toBe(4);
  });
});

describe('reads', () => {
  it('retries 5xx with exponential backoff', async () => {
    sandbox.inject({ kind: '503', route: 'GET /v3/avatars/looks/:id', times: 2 });
    const look = await t.client.getLook('lk_alex_office');
    expect(look.id).toBe('lk_alex_office');
    expect(t.sleeps).toEqual([500, 1000]);
    expect(sandbox.counters.requests['GET /v3/avatars/looks/:id']).toBe(3);
  });

  it('retries a connection dropped before the answer', async () => {
    sandbox.inject({ kind: 'drop-before', route: 'GET /v3/voices', times: 2 });
    const page = await t.client.listVoices({ limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(sandbox.counters.requests['GET /v3/voices']).toBe(3);
    expect(t.debugLines.filter((l) => l.startsWith('http retry'))).toHaveLength(2);
  });

  it('retries a DELETE on 5xx', async () => {
    const { video_id } = await t.client.createVideo(videoBody());
    sandbox.inject({ kind: '500', route: 'DELETE /v3/videos/:id' });
    expect((await t.client.deleteVideo(video_id)).deleted).toBe(true);
    expect(sandbox.counters.requests['DELETE /v3/videos/:id']).toBe(2);
  });

  it('times out a slow read, retries it, and reports `timeout` when it never answers', async () => {
    const fast = makeClient(sandbox, { readTimeoutMs: 100 });
    sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 1000 });
    expect((await fast.client.getMe()).username).toBe('sandbox-user');
    expect(fast.sleeps).toEqual([500]);
    expect(sandbox.counters.requests['GET /v3/users/me']).toBe(2);

    const once = makeClient(sandbox, { readTimeoutMs: 100, maxRetries: 0 });
    sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 1000 });
    const error = (await caught(once.client.getMe())) as ApiError;
    expect(error.code).toBe('timeout');
    expect(error.endpoint).toBe('GET /v3/users/me');
    await Promise.all([fast.client.close(), once.client.close()]);
  });
});

describe('writes', () => {
  it('retries 5xx on a keyed POST with the same key', async () => {
    const from = sandbox.received.length;
    sandbox.inject({ kind: '502', route: 'POST /v3/videos' });
    const created = await t.client.createVideo(videoBody());
    const sent = receivedSince(sandbox, from, 'POST', '/v3/videos');
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set([created.idempotencyKey]));
    expect(sandbox.counters.rendered).toBe(1);
  });

  it('a PATCH carries no key (HeyGen honours none there), is retried on 5xx as it sets absolute values, and never mentions a key', async () => {
    const endpoint = await t.client.createWebhookEndpoint({ url: 'https://example.com/h' });
    const from = sandbox.received.length;
    sandbox.inject({ kind: '500', route: 'PATCH /v3/webhooks/endpoints/:id' });
    const updated = await t.client.updateWebhookEndpoint(endpoint.endpoint_id, { url: 'https://example.com/x' });
    expect(updated.url).toBe('https://example.com/x');
    const sent = receivedSince(sandbox, from, 'PATCH', `/v3/webhooks/endpoints/${endpoint.endpoint_id}`);
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([undefined, undefined]);

    // Out of retries: the failure must not suggest a flag the command does not have.
    sandbox.inject({ kind: '503', route: 'PATCH /v3/webhooks/endpoints/:id', times: 4 });
    const error = (await caught(t.client.updateWebhookEndpoint(endpoint.endpoint_id, { events: null }))) as ApiError;
    expect(error.status).toBe(503);
    expect(error.details.idempotency_key).toBeUndefined();
    expect(error.suggestion).not.toContain('idempotency');
  });

  it('a dropped answer to create-endpoint is retried with its key: one endpoint, not two', async () => {
    const before = (await t.client.listWebhookEndpoints({ limit: 100 })).data.length;
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/webhooks/endpoints' });
    const created = await t.client.createWebhookEndpoint({ url: 'https://example.com/once' });
    expect(created.secret).toMatch(/^whsec_/); // the replayed original still carries the secret
    expect(sandbox.counters.requests['POST /v3/webhooks/endpoints']).toBe(2);
    const after = (await t.client.listWebhookEndpoints({ limit: 100 })).data;
    expect(after).toHaveLength(before + 1);
    expect(after.filter((e) => e.url === 'https://example.com/once').map((e) => e.endpoint_id)).toEqual([created.endpoint_id]);
  });

  it('a delete whose answer was lost is reported as already deleted, not as 404 (no key: HeyGen replays none on DELETE)', async () => {
    const { video_id } = await t.client.createVideo(videoBody());
    const from = sandbox.received.length;
    sandbox.inject({ kind: 'drop-after', route: 'DELETE /v3/videos/:id' });
    expect(await t.client.deleteVideo(video_id)).toMatchObject({ id: video_id, deleted: true, already_deleted: true });
    expect(sandbox.counters.requests['DELETE /v3/videos/:id']).toBe(2);
    expect(receivedSince(sandbox, from, 'DELETE', `/v3/videos/${video_id}`).map((r) => r.headers['idempotency-key'])).toEqual([
      undefined,
      undefined,
    ]);
    expect((await caught(t.client.getVideo(video_id))).code).toBe('video_not_found');
  });

  it('the transport never retries a POST that carries no key', async () => {
    const transport = createTransport({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, sleep: async () => {} });
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/webhooks/endpoints' });
    const spec = { method: 'POST', path: '/v3/webhooks/endpoints', endpoint: 'POST /v3/webhooks/endpoints', schema: z.unknown() } as const;
    const error = await caught(transport.request({ ...spec, body: { url: 'https://example.com/h' } }));
    await transport.close();
    expect(error.code).toBe('network_error');
    expect(sandbox.counters.requests['POST /v3/webhooks/endpoints']).toBe(1);
  });

  it('drop-after on create: retried with the same key, rendered exactly once', async () => {
    const from = sandbox.received.length;
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/videos' });
    const created = await t.client.createVideo(videoBody());
    const sent = receivedSince(sandbox, from, 'POST', '/v3/videos');
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([created.idempotencyKey, created.idempotencyKey]);
    expect(sandbox.counters.rendered).toBe(1);
    expect((await t.client.getVideo(created.video_id)).id).toBe(created.video_id);
  });

  it('the same key twice gives the same video and one render', async () => {
    const first = await t.client.createVideo(videoBody(), { idempotencyKey: 'rerun-123' });
    const second = await t.client.createVideo(videoBody(), { idempotencyKey: 'rerun-123' });
    expect(second.video_id).toBe(first.video_id);
    expect(sandbox.counters.rendered).toBe(1);
  });

  it('waits out 409 request_in_progress and returns the original result', async () => {
    // Real (short) sleeps so the held first request can finish while the second one waits.
    const waits: number[] = [];
    const patient = makeClient(sandbox, {
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, 25));
      },
    });
    sandbox.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 300 });
    const first = patient.client.createVideo(videoBody(), { idempotencyKey: 'in-flight-1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await patient.client.createVideo(videoBody(), { idempotencyKey: 'in-flight-1' });
    expect(second.video_id).toBe((await first).video_id);
    expect(waits.length).toBeGreaterThan(0);
    expect(patient.debugLines.some((l) => l.includes('409 request_in_progress'))).toBe(true);
    expect(sandbox.counters.rendered).toBe(1);
    await patient.client.close();
  });
});

describe('interruption', () => {
  it('an abort during a retry sleep stops at once with InterruptedError', async () => {
    const controller = new AbortController();
    const c = makeClient(sandbox, {
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
      },
    });
    sandbox.inject({ kind: '503', route: 'GET /v3/users/me' });
    expect(await caught(c.client.getMe())).toBeInstanceOf(InterruptedError);
    expect(sandbox.counters.requests['GET /v3/users/me']).toBe(1);
    await c.client.close();
  });

  it('an abort cancels a request in flight', async () => {
    const controller = new AbortController();
    const c = makeClient(sandbox, { signal: controller.signal });
    sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 5000 });
    const pending = caught(c.client.getMe());
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await pending).toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(2000);
    await c.client.close();
  });

  it('a dozen requests in flight on one signal: no MaxListeners warning, and one abort stops them all', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const controller = new AbortController();
    const c = makeClient(sandbox, { signal: controller.signal });
    try {
      sandbox.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 5000, times: 12 });
      const pending = Array.from({ length: 12 }, () => caught(c.client.getMe()));
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      const errors = await Promise.all(pending);
      expect(errors.every((e) => e instanceof InterruptedError)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
    } finally {
      process.off('warning', onWarning);
      await c.client.close();
    }
    expect(warnings).toEqual([]);
    expect(sandbox.counters.requests['GET /v3/users/me']).toBe(12);
  });

  it('an interrupted create is an unknown outcome that keeps its key; re-sending it renders nothing more', async () => {
    const controller = new AbortController();
    const c = makeClient(sandbox, { signal: controller.signal });
    sandbox.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 400 });
    const pending = caught(c.client.createVideo(videoBody(), { idempotencyKey: 'resume-me' }));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.exitCode).toBe(130);
    expect(error.details).toMatchObject({ idempotency_key: 'resume-me', outcome: 'unknown', reason: 'interrupted' });
    await c.client.close();
    // The server goes on with the held create after the client left. Re-sending with the key
    // waits out 409 request_in_progress and gets that same video. It also settles the held
    // request inside this test: left in flight, it rendered during the next test, which then
    // counted 16 renders for its 15 creates under load (the flaky failure).
    const resume = makeClient(sandbox, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))) });
    const again = await resume.client.createVideo(videoBody(), { idempotencyKey: 'resume-me' });
    expect(again.video_id).toMatch(/\S/);
    expect(sandbox.counters.rendered).toBe(1);
    await resume.client.close();
  });
});

describe('under seeded random faults', () => {
  it('every read and keyed create gets through; one render per create; requests = calls + retries', async () => {
    const c = makeClient(sandbox, { maxRetries: 8 });
    const rates = { rate429: 0.15, rate5xx: 0.15, dropBefore: 0.1, dropAfter: 0.1 };
    Object.assign(sandbox.faults, rates);
    const ids: string[] = [];
    try {
      for (let i = 0; i < 15; i++) expect((await c.client.getLook('lk_alex_office')).id).toBe('lk_alex_office');
      for (let i = 0; i < 15; i++) ids.push((await c.client.createVideo(videoBody())).video_id);
    } finally {
      Object.assign(sandbox.faults, { rate429: 0, rate5xx: 0, dropBefore: 0, dropAfter: 0 });
      await c.client.close();
    }
    expect(new Set(ids).size).toBe(15);
    expect(sandbox.counters.rendered).toBe(15);
    const retries = c.debugLines.filter((l) => l.startsWith('http retry')).length;
    expect(retries).toBeGreaterThan(5); // the faults really fired
    const sent = (sandbox.counters.requests['GET /v3/avatars/looks/:id'] ?? 0) + (sandbox.counters.requests['POST /v3/videos'] ?? 0);
    expect(sent).toBe(30 + retries);
  });
});
