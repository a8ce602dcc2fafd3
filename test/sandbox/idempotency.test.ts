import { describe, expect, it } from 'vitest';
import { until } from '../helpers/harness.js';
import { BASIC_VIDEO, expectError, get, post, sandbox } from './helpers.js';

describe('sandbox: Idempotency-Key', () => {
  it('replays the original response: two creates, one key, one render', async () => {
    const sb = await sandbox();
    const key = { 'Idempotency-Key': 'run-1:item.7_a-b' };
    const first = await post(sb, '/v3/videos', BASIC_VIDEO, key);
    const second = await post(sb, '/v3/videos', { ...BASIC_VIDEO, title: 'slightly different' }, key);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(sb.counters.rendered).toBe(1);
    expect(sb.counters.requests['POST /v3/videos']).toBe(2);
    const other = await post(sb, '/v3/videos', BASIC_VIDEO, { 'Idempotency-Key': 'run-1:item.8' });
    expect(other.body.data.video_id).not.toBe(first.body.data.video_id);
    expect(sb.counters.rendered).toBe(2);
  });

  it('answers 409 request_in_progress while the first request is still running', async () => {
    const sb = await sandbox();
    sb.inject({ kind: 'slow', route: 'POST /v3/videos', ms: 1000 });
    const headers = { 'Idempotency-Key': 'slow-key' };
    const firstP = post(sb, '/v3/videos', BASIC_VIDEO, headers);
    await until(() => sb.received.length === 1, 'the first request to arrive'); // it is now held by the slow fault
    const during = await post(sb, '/v3/videos', BASIC_VIDEO, headers);
    expectError(during, 409, 'request_in_progress');
    const first = await firstP;
    expect(first.status).toBe(200);
    const after = await post(sb, '/v3/videos', BASIC_VIDEO, headers);
    expect(after.body).toEqual(first.body);
    expect(sb.counters.rendered).toBe(1);
  });

  it('rejects a malformed key with 400 param Idempotency-Key', async () => {
    const sb = await sandbox();
    for (const bad of ['has space', 'x'.repeat(256), 'semi;colon', 'quote"x', 'slash/key']) {
      expectError(await post(sb, '/v3/videos', BASIC_VIDEO, { 'Idempotency-Key': bad }), 400, 'invalid_parameter', 'Idempotency-Key');
    }
    expect((await post(sb, '/v3/videos', BASIC_VIDEO, { 'Idempotency-Key': 'x'.repeat(255) })).status).toBe(200);
  });

  it('scopes keys per route and per path parameters', async () => {
    const sb = await sandbox();
    const key = { 'Idempotency-Key': 'shared' };
    const video = await post(sb, '/v3/videos', BASIC_VIDEO, key);
    const batch = await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO] }, key);
    expect(batch.status).toBe(202);
    expect(batch.body.data.batch_id).toMatch(/^batch_/);
    const ep1 = (await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/a' })).body.data.endpoint_id;
    const ep2 = (await post(sb, '/v3/webhooks/endpoints', { url: 'https://example.com/b' })).body.data.endpoint_id;
    const r1 = await post(sb, `/v3/webhooks/endpoints/${ep1}/rotate-secret`, undefined, key);
    const r1again = await post(sb, `/v3/webhooks/endpoints/${ep1}/rotate-secret`, undefined, key);
    const r2 = await post(sb, `/v3/webhooks/endpoints/${ep2}/rotate-secret`, undefined, key);
    expect(r1again.body).toEqual(r1.body);
    expect(r2.body.data.endpoint_id).toBe(ep2);
    expect(r2.body.data.secret).not.toBe(r1.body.data.secret);
    // The video create with the same key was not answered by (or mixed into) the batch's replay.
    expect(video.body.data.video_id).toMatch(/^vid_/);
    expect(JSON.stringify(batch.body)).not.toContain(video.body.data.video_id);
    // Batches honour no key (contract §1.6): the same key makes a second batch.
    const batchAgain = await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO] }, key);
    expect(batchAgain.status).toBe(202);
    expect(batchAgain.body.data.batch_id).not.toBe(batch.body.data.batch_id);
  });

  it('does not store failures: a retry after 400 or 429 runs again', async () => {
    const sb = await sandbox({ concurrencyLimit: 1 });
    const key = { 'Idempotency-Key': 'retry-me' };
    expectError(await post(sb, '/v3/videos', { ...BASIC_VIDEO, voice_id: 'v_nope' }, key), 400, 'invalid_parameter');
    expect((await post(sb, '/v3/videos', BASIC_VIDEO, key)).status).toBe(200);
    const key2 = { 'Idempotency-Key': 'limited' };
    expectError(await post(sb, '/v3/videos', BASIC_VIDEO, key2), 429, 'rate_limit_exceeded');
    sb.options.concurrencyLimit = 5;
    expect((await post(sb, '/v3/videos', BASIC_VIDEO, key2)).status).toBe(200);
  });

  it('drop-after creates the video but loses the answer; the keyed retry gets the original', async () => {
    const sb = await sandbox();
    sb.inject({ kind: 'drop-after', route: 'POST /v3/videos' });
    const key = { 'Idempotency-Key': 'lost-answer' };
    await expect(post(sb, '/v3/videos', BASIC_VIDEO, key)).rejects.toThrow();
    expect(sb.counters.rendered).toBe(1);
    const retry = await post(sb, '/v3/videos', BASIC_VIDEO, key);
    expect(retry.status).toBe(200);
    expect(sb.counters.rendered).toBe(1);
    const list = await get(sb, '/v3/videos');
    expect(list.body.data.map((v: any) => v.id)).toEqual([retry.body.data.video_id]);
  });
});
