// Table checks against heygen-v3-api.md, and how the router treats requests a curl user or an
// odd client could send.
import { describe, expect, it } from 'vitest';
import { BASIC_VIDEO, call, createVideo, expectError, get, post, sandbox } from './helpers.js';

describe('sandbox: limit ranges and defaults of contract §1.3', () => {
  // [path, max]; every range starts at 1.
  const RANGES: Array<[string, number]> = [
    ['/v3/avatars/looks', 50],
    ['/v3/avatars', 50],
    ['/v3/voices', 100],
    ['/v3/videos', 100],
    ['/v3/webhooks/endpoints', 100],
    ['/v3/webhooks/events', 100],
  ];

  it.each(RANGES)('%s takes limit 1..%i', async (path, max) => {
    const sb = await sandbox();
    expect((await get(sb, `${path}?limit=1`)).status).toBe(200);
    expect((await get(sb, `${path}?limit=${max}`)).status).toBe(200);
    for (const bad of [0, max + 1]) {
      const res = await get(sb, `${path}?limit=${bad}`);
      expectError(res, 400, 'invalid_parameter', 'limit');
      expect(res.body.error.message).toBe(`limit must be between 1 and ${max}`);
    }
  });

  it('batch items take limit 1..100 inside data, default 100', async () => {
    const sb = await sandbox();
    const { batch_id } = (await post(sb, '/v3/videos/batches', { videos: [BASIC_VIDEO, BASIC_VIDEO] })).body.data;
    const all = (await get(sb, `/v3/videos/batches/${batch_id}`)).body;
    expect(Object.keys(all)).toEqual(['data']); // pagination is inside data here, not beside it
    expect(all.data).toMatchObject({ has_more: false, next_token: null });
    expect(all.data.items).toHaveLength(2);
    expect((await get(sb, `/v3/videos/batches/${batch_id}?limit=100`)).status).toBe(200);
    expectError(await get(sb, `/v3/videos/batches/${batch_id}?limit=101`), 400, 'invalid_parameter', 'limit');
  });

  it('webhook endpoints page 10 at a time by default; siblings of data elsewhere', async () => {
    const sb = await sandbox();
    for (let i = 0; i < 11; i++) await post(sb, '/v3/webhooks/endpoints', { url: `https://example.com/${i}` });
    const first = await get(sb, '/v3/webhooks/endpoints');
    expect(Object.keys(first.body).sort()).toEqual(['data', 'has_more', 'next_token']);
    expect(first.body.data).toHaveLength(10);
    expect(first.body.has_more).toBe(true);
    const rest = await get(sb, `/v3/webhooks/endpoints?token=${first.body.next_token}`);
    expect(rest.body).toMatchObject({ has_more: false, next_token: null });
    expect(rest.body.data.map((e: any) => e.url)).toEqual(['https://example.com/10']);
  });
});

describe('sandbox: routing edge cases', () => {
  it('answers HEAD on an API route like GET without a body, and counts it as HEAD', async () => {
    const sb = await sandbox();
    const head = await fetch(`${sb.url}/v3/users/me`, { method: 'HEAD', headers: { 'x-api-key': sb.apiKey } });
    const full = await get(sb, '/v3/users/me');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(head.headers.get('x-request-id')).toMatch(/^req_/);
    expect(Number(head.headers.get('content-length'))).toBe(JSON.stringify(full.body).length);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect(sb.counters.requests).toMatchObject({ 'HEAD /v3/users/me': 1, 'GET /v3/users/me': 1 });
    const headless = await fetch(`${sb.url}/v3/users/me`, { method: 'HEAD' });
    expect(headless.status).toBe(401);
    const unknown = await fetch(`${sb.url}/v3/nope`, { method: 'HEAD', headers: { 'x-api-key': sb.apiKey } });
    expect(unknown.status).toBe(500);
  });

  it('keeps every value of a repeated query parameter, and rejects a repeated scalar loudly', async () => {
    const sb = await sandbox();
    const id = await createVideo(sb);
    const res = await get(sb, `/v3/videos/statuses?video_ids=${id}&video_ids=vid_other`);
    expect(res.body.data.map((e: any) => e.video_id)).toEqual([id, 'vid_other']);
    expectError(await get(sb, '/v3/voices?limit=5&limit=6'), 400, 'invalid_parameter', 'limit');
    expectError(await get(sb, '/v3/voices?gender=male&gender=female'), 400, 'invalid_parameter', 'gender');
  });

  it('decodes percent-encoded ids and names unknown paths exactly as sent', async () => {
    const sb = await sandbox();
    expect((await get(sb, '/v3/avatars/looks/lk%5Falex_office')).body.data.id).toBe('lk_alex_office');
    expectError(await get(sb, '/v3/videos/a%2Fb'), 404, 'video_not_found');
    expect((await get(sb, '/v3/videos/a%2Fb')).body.error.message).toBe('video a/b not found');
    const slash = await get(sb, '/v3/videos/');
    expectError(slash, 500, 'internal_error');
    expect(slash.body.error.message).toBe('sandbox: no route for GET /v3/videos/');
    const double = await get(sb, '//v3/users/me');
    expectError(double, 500, 'internal_error');
    expect(double.body.error.message).toBe('sandbox: no route for GET //v3/users/me');
  });

  it('records the raw body of a request that is not JSON', async () => {
    const sb = await sandbox();
    await call(sb, 'POST', '/v3/videos', 'not json');
    expect(sb.received.at(-1)).toMatchObject({ method: 'POST', path: '/v3/videos', body: 'not json' });
  });
});
