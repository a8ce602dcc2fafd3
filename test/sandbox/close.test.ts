import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { until } from '../helpers/harness.js';
import { BASIC_VIDEO, fakeClock } from './helpers.js';

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

/** Handle kinds that outnumber the baseline (the runner's own timers come and go). */
function extra(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).filter(([k, n]) => n > (before[k] ?? 0)));
}

describe('sandbox: close()', () => {
  it('stops renders, stalled downloads, slow requests and hung webhook deliveries, leaving no handles', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const before = handles();
    const clock = fakeClock();
    // A receiver that never answers, so a delivery is in flight when the sandbox closes.
    let hungHits = 0;
    const hung = createServer(() => {
      hungHits += 1;
    });
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/hook`;

    const sb = await startSandbox({ now: clock.now, renderMs: 1000, videoBytes: 4 * 1024 * 1024 });
    const headers = { 'x-api-key': sb.apiKey, 'content-type': 'application/json' };
    const create = async (extra = {}) =>
      (
        (await (
          await fetch(`${sb.url}/v3/videos`, { method: 'POST', headers, body: JSON.stringify({ ...BASIC_VIDEO, ...extra }) })
        ).json()) as any
      ).data.video_id;
    const done = await create({ callback_url: hungUrl });
    await create();
    clock.advance(1000);
    const video = ((await (await fetch(`${sb.url}/v3/videos/${done}`, { headers })).json()) as any).data;
    sb.inject({ kind: 'stall', at: 1024, ms: 60_000 });
    const stalled = fetch(video.video_url)
      .then((r) => r.arrayBuffer())
      .catch(() => 'cut');
    sb.inject({ kind: 'slow', route: 'GET /v3/users/me', ms: 60_000 });
    const slow = fetch(`${sb.url}/v3/users/me`, { headers }).catch(() => 'cut');
    // Wait for the states to be reached (not a fixed sleep: a loaded CI machine may need longer).
    await until(() => hungHits === 1 && sb.received.some((r) => r.path === '/v3/users/me'), 'the hung delivery and the slow request');
    expect(Object.keys(extra(before, handles()))).toContain('TCPSocketWrap');

    const started = Date.now();
    await sb.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stalled).toBe('cut');
    expect(await slow).toBe('cut');
    await sb.close(); // idempotent
    hung.closeAllConnections();
    await new Promise((r) => hung.close(r));
    await until(() => Object.keys(extra(before, handles())).length === 0, 'the handles to be released', 2000).catch(() => {});
    expect(extra(before, handles())).toEqual({});
  });
});
