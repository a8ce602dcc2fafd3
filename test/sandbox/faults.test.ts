import { describe, expect, it } from 'vitest';
import { BASIC_VIDEO, completedVideo, expectError, fakeClock, get, post, sandbox } from './helpers.js';

describe('sandbox: scripted API faults', () => {
  it('answers 429 with Retry-After on the named route only, then recovers', async () => {
    const sb = await sandbox();
    sb.inject({ kind: '429', route: 'GET /v3/voices', retryAfter: '3' });
    expect((await get(sb, '/v3/users/me')).status).toBe(200);
    const limited = await get(sb, '/v3/voices');
    expectError(limited, 429, 'rate_limit_exceeded');
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await get(sb, '/v3/voices')).status).toBe(200);
  });

  it('defaults Retry-After to 1 and honours times', async () => {
    const sb = await sandbox();
    sb.inject({ kind: '429', times: 2 });
    const a = await get(sb, '/v3/users/me');
    const b = await get(sb, '/v3/voices');
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(a.headers.get('retry-after')).toBe('1');
    expect((await get(sb, '/v3/users/me')).status).toBe(200);
  });

  it('consumes faults in order: 500, 502, 503, then html-502', async () => {
    const sb = await sandbox();
    for (const kind of ['500', '502', '503', 'html-502'] as const) sb.inject({ kind, route: 'GET /v3/videos/:id' });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const r = await get(sb, '/v3/videos/vid_x');
      expectError(r, [500, 502, 503][i]!, 'internal_error');
      statuses.push(r.status);
    }
    const html = await fetch(`${sb.url}/v3/videos/vid_x`, { headers: { 'x-api-key': sb.apiKey } });
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(await html.text()).toContain('<title>502 Bad Gateway</title>');
    expectError(await get(sb, '/v3/videos/vid_x'), 404, 'video_not_found');
  });

  it('malformed: a 200 whose body does not match the schema', async () => {
    const sb = await sandbox();
    sb.inject({ kind: 'malformed', route: 'GET /v3/avatars/looks' });
    const r = await get(sb, '/v3/avatars/looks');
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.data)).toBe(false);
    expect(typeof r.body.has_more).not.toBe('boolean');
  });

  it('drop-before: the connection dies and nothing is created', async () => {
    const sb = await sandbox();
    sb.inject({ kind: 'drop-before', route: 'POST /v3/videos' });
    await expect(post(sb, '/v3/videos', BASIC_VIDEO)).rejects.toThrow();
    expect(sb.counters.rendered).toBe(0);
    expect(sb.counters.requests['POST /v3/videos']).toBe(1);
    expect((await post(sb, '/v3/videos', BASIC_VIDEO)).status).toBe(200);
  });

  it('drop-after on a POST without a key renders twice when retried (why keys matter)', async () => {
    const sb = await sandbox();
    sb.inject({ kind: 'drop-after', route: 'POST /v3/videos' });
    await expect(post(sb, '/v3/videos', BASIC_VIDEO)).rejects.toThrow();
    await post(sb, '/v3/videos', BASIC_VIDEO);
    expect(sb.counters.rendered).toBe(2);
  });

  it('applies a scripted fault to downloads only when its route names them', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { video } = await completedVideo(sb, clock);
    sb.inject({ kind: '503', route: 'GET /download/:id', retryAfter: '2' });
    const r = await fetch(video.video_url);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('2');
    expect((await fetch(video.video_url)).status).toBe(200);
  });
});

describe('sandbox: rate-based faults', () => {
  async function statuses(seed: number, rates: Record<string, number>, n = 40): Promise<number[]> {
    const sb = await sandbox({ seed, faults: rates });
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        out.push((await get(sb, '/v3/users/me')).status);
      } catch {
        out.push(0);
      }
    }
    return out;
  }

  it('is deterministic for a seed and mixes faults with successes', async () => {
    const a = await statuses(7, { rate429: 0.3, rate5xx: 0.2 });
    expect(a).toEqual(await statuses(7, { rate429: 0.3, rate5xx: 0.2 }));
    expect(a).toContain(429);
    expect(a).toContain(200);
    expect(a.some((s) => s === 500 || s === 503)).toBe(true);
    expect(await statuses(8, { rate429: 0.3, rate5xx: 0.2 })).not.toEqual(a);
  });

  it('drops connections at dropBefore and the knobs are mutable', async () => {
    const dropped = await statuses(3, { dropBefore: 0.5 }, 20);
    expect(dropped).toContain(0);
    expect(dropped).toContain(200);
    const sb = await sandbox();
    sb.faults.rate5xx = 1;
    expect([500, 503]).toContain((await get(sb, '/v3/users/me')).status);
    sb.faults.rate5xx = 0;
    expect((await get(sb, '/v3/users/me')).status).toBe(200);
  });

  it('never applies rate faults to downloads', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { video } = await completedVideo(sb, clock);
    sb.faults.rate5xx = 1;
    sb.faults.dropBefore = 1;
    expect((await fetch(video.video_url)).status).toBe(200);
  });
});
