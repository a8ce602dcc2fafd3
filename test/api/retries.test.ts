// Retry rules proven against injected faults. Sleeps are recorded, not waited, so every
// backoff is asserted exactly and the file runs in milliseconds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { ApiError, InterruptedError } from '../../src/errors.js';
import { caught, makeClient, receivedSince, startTestSandbox, videoBody, type TestClient } from './helpers.js';

let sandbox: Sandbox;
let t: TestClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.resetCounters();
  t = makeClient(sandbox);
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

  it('does not retry an unkeyed PATCH on 5xx', async () => {
    const endpoint = await t.client.createWebhookEndpoint({ url: 'https://example.com/h' });
    sandbox.inject({ kind: '500', route: 'PATCH /v3/webhooks/endpoints/:id' });
    const update = t.client.updateWebhookEndpoint(endpoint.endpoint_id, { url: 'https://example.com/x' });
    const error = (await caught(update)) as ApiError;
    expect(error.status).toBe(500);
    expect(t.sleeps).toEqual([]);
    expect(sandbox.counters.requests['PATCH /v3/webhooks/endpoints/:id']).toBe(1);
  });

  it('does not retry an unkeyed POST whose connection dropped', async () => {
    sandbox.inject({ kind: 'drop-after', route: 'POST /v3/webhooks/endpoints' });
    const error = await caught(t.client.createWebhookEndpoint({ url: 'https://example.com/h' }));
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

  it('an interrupted create keeps its idempotency key for the resume hint', async () => {
    const controller = new AbortController();
    const c = makeClient(sandbox, { signal: controller.signal });
    sandbox.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 5000 });
    const pending = caught(c.client.createVideo(videoBody(), { idempotencyKey: 'resume-me' }));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.details.idempotency_key).toBe('resume-me');
    await c.client.close();
  });
});
