// Faults the client must survive without paying twice, hanging or holding a huge body in memory:
// a garbled 2xx after the work was done, a status read that never answers, a body of many MiB,
// and a Retry-After of minutes or hours. Sleeps are recorded, not waited.
import { describe, expect, it } from 'vitest';
import { ApiError, OutcomeUnknownError } from '../../src/shared/errors.js';
import type { RetryWait } from '../../src/api/retry-wait.js';
import { caught, makeClient, receivedSince, useSandboxClient, videoBody } from './helpers.js';

const env = useSandboxClient();

describe('a create whose answer is garbled or lost', () => {
  it('a truncated 200 after the work was done is asked for again with the same key: one render', async () => {
    const { sandbox } = env;
    const from = sandbox.received.length;
    sandbox.inject({ kind: 'garbled', route: 'POST /v3/videos' });
    const created = await env.t.client.createVideo(videoBody(), { idempotencyKey: 'garbled-once' });
    const sent = receivedSince(sandbox, from, 'POST', '/v3/videos');
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['garbled-once', 'garbled-once']);
    expect(sandbox.counters.rendered).toBe(1);
    expect((await env.t.client.getVideo(created.video_id)).id).toBe(created.video_id);
  });

  it('garbled on every attempt: an unknown outcome (exit 1) that hands back the key, never a new one', async () => {
    const { sandbox } = env;
    const from = sandbox.received.length;
    sandbox.inject({ kind: 'garbled', route: 'POST /v3/videos', times: 4 }); // 1 + 3 retries
    const error = await caught(env.t.client.createVideo(videoBody(), { idempotencyKey: 'garbled-always' }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.exitCode).toBe(1);
    expect(error.details).toMatchObject({
      idempotency_key: 'garbled-always',
      outcome: 'unknown',
      reason: 'unreadable',
      endpoint: 'POST /v3/videos',
    });
    expect(error.message).toMatch(/POST \/v3\/videos.*not JSON.*may have gone through/);
    expect(new Set(receivedSince(sandbox, from, 'POST', '/v3/videos').map((r) => r.headers['idempotency-key']))).toEqual(
      new Set(['garbled-always']),
    );
    expect(sandbox.counters.rendered).toBe(1);
  });

  it('a connection lost after the last retry is an unknown outcome too', async () => {
    env.sandbox.inject({ kind: 'drop-after', route: 'POST /v3/videos', times: 4 });
    const error = await caught(env.t.client.createVideo(videoBody(), { idempotencyKey: 'dropped-always' }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ idempotency_key: 'dropped-always', reason: 'network' });
    expect(env.sandbox.counters.rendered).toBe(1);
  });

  it('a create the API refused outright is no unknown outcome', async () => {
    const error = await caught(env.t.client.createVideo(videoBody({ avatar_id: 'lk_missing' })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
  });
});

describe('a status read that never answers', () => {
  it('ends within the budget the caller gives (what is left of --timeout), with no retry past it', async () => {
    const { client } = makeClient(env.sandbox);
    const { video_id } = await client.createVideo(videoBody());
    env.sandbox.inject({ kind: 'hang', route: 'GET /v3/videos/:id', times: 4 });
    const error = (await caught(client.getVideo(video_id, { budgetMs: 300 }))) as ApiError;
    expect(error.code).toBe('timeout');
    expect(error.endpoint).toBe('GET /v3/videos/{id}');
    expect(error.message).toContain('300 ms');
    expect(env.sandbox.counters.requests['GET /v3/videos/:id']).toBe(1);
    env.sandbox.clearFaults();
    await client.close();
  });
});

describe('a response body of many MiB', () => {
  it('is cut off at the cap: an error naming the endpoint, the rest never read', async () => {
    env.sandbox.inject({ kind: 'huge', route: 'GET /v3/users/me', bytes: 64 * 1024 * 1024 });
    const error = (await caught(env.t.client.getMe())) as ApiError;
    expect(error.code).toBe('response_too_large');
    expect(error.message).toBe('GET /v3/users/me sent a response body larger than 4 MiB; twin stopped reading it.');
    expect(env.sandbox.counters.requests['GET /v3/users/me']).toBe(1);
    // The connection was given up, and the next request works.
    expect((await env.t.client.getMe()).username).toBe('sandbox-user');
  });

  it('a smaller cap applies to every endpoint, lists included', async () => {
    const small = makeClient(env.sandbox, { maxBodyBytes: 512 });
    expect((await caught(small.client.listVoices({ limit: 50 }))).code).toBe('response_too_large');
    await small.client.close();
  });
});

describe('a long Retry-After', () => {
  it('past the cap (1 h): stops at once and says how long and until when, instead of retrying early', async () => {
    env.sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '7200' });
    const c = makeClient(env.sandbox);
    const error = (await caught(c.client.getMe())) as ApiError;
    expect(c.sleeps).toEqual([]);
    expect(error.message).toBe(
      'GET /v3/users/me asked to wait 2h 00m before the next request (Retry-After), longer than twin waits (1h 00m).',
    );
    expect(error.suggestion).toMatch(/^Try again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(error.details.retry_after_ms).toBe(7_200_000);
    await c.client.close();
  });

  it('within the cap: waited out in full (not clamped to a minute) and announced', async () => {
    const waits: RetryWait[] = [];
    const c = makeClient(env.sandbox, { onWait: (w) => void waits.push(w) });
    env.sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '3598' });
    expect((await c.client.getMe()).username).toBe('sandbox-user');
    expect(c.sleeps).toEqual([3_598_000]);
    expect(waits).toEqual([{ endpoint: 'GET /v3/users/me', delayMs: 3_598_000, status: 429, reason: '429 rate_limit_exceeded' }]);
    await c.client.close();
  });

  it('longer than the caller budget: not started; the error carries the hint for the caller', async () => {
    env.sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '600' });
    const c = makeClient(env.sandbox);
    const { video_id } = await c.client.createVideo(videoBody());
    env.sandbox.inject({ kind: '429', route: 'GET /v3/videos/:id', retryAfter: '600' });
    const error = await caught(c.client.getVideo(video_id, { budgetMs: 5_000 }));
    expect(error.details.retry_after_ms).toBe(600_000);
    expect(c.sleeps).toEqual([]);
    expect((await c.client.getMe()).username).toBe('sandbox-user'); // no budget: waited (recorded)
    expect(c.sleeps).toEqual([600_000]);
    await c.client.close();
  });
});
