import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, SIGNATURE_HEADERS, TIMESTAMP_HEADER, EVENT_ID_HEADER, verify } from '../../src/shared/webhook-signature.js';
import { call, createVideo, expectError, fakeClock, get, post, sandbox } from './helpers.js';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Statuses to answer, in order; 200 once exhausted. */
  script: number[];
  waitFor(n: number, ms?: number): Promise<Delivery[]>;
}

const receivers: Server[] = [];
afterEach(async () => {
  for (const s of receivers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function receiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  receivers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deliveries,
    script,
    async waitFor(n, ms = 3000) {
      const until = Date.now() + ms;
      while (deliveries.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return deliveries;
    },
  };
}

describe('sandbox: webhook endpoints', () => {
  it('creates, lists, updates, rotates and deletes endpoints', async () => {
    const sb = await sandbox();
    const created = await post(sb, '/v3/webhooks/endpoints', { url: 'https://hooks.example.com/heygen', events: ['avatar_video.success'] });
    expect(created.status).toBe(200);
    const ep = created.body.data;
    expect(ep).toMatchObject({
      endpoint_id: expect.stringMatching(/^ep_/),
      url: 'https://hooks.example.com/heygen',
      status: 'enabled',
      events: ['avatar_video.success'],
    });
    expect(ep.secret).toMatch(/^whsec_/);
    expect(new Date(ep.created_at).toISOString()).toBe(ep.created_at);

    const list = await get(sb, '/v3/webhooks/endpoints');
    expect(list.body).toMatchObject({ has_more: false, next_token: null });
    expect(list.body.data[0]).toMatchObject({ endpoint_id: ep.endpoint_id, secret: null });

    const patched = await call(sb, 'PATCH', `/v3/webhooks/endpoints/${ep.endpoint_id}`, {
      events: ['avatar_video.fail', 'batch.finished'],
    });
    expect(patched.body.data).toMatchObject({ events: ['avatar_video.fail', 'batch.finished'], secret: null });
    const allEvents = await call(sb, 'PATCH', `/v3/webhooks/endpoints/${ep.endpoint_id}`, { events: null });
    expect(allEvents.body.data.events).toBeNull();

    const rotated = await post(sb, `/v3/webhooks/endpoints/${ep.endpoint_id}/rotate-secret`, undefined);
    expect(rotated.body.data).toEqual({ endpoint_id: ep.endpoint_id, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.body.data.secret).not.toBe(ep.secret);

    expect((await call(sb, 'DELETE', `/v3/webhooks/endpoints/${ep.endpoint_id}`)).body).toEqual({ data: {} });
    expectError(await call(sb, 'DELETE', `/v3/webhooks/endpoints/${ep.endpoint_id}`), 404, 'not_found');
    expectError(await post(sb, `/v3/webhooks/endpoints/ep_nope/rotate-secret`, undefined), 404, 'not_found');
  });

  it('validates url and events', async () => {
    const sb = await sandbox();
    expectError(await post(sb, '/v3/webhooks/endpoints', {}), 400, 'invalid_parameter', 'url');
    expectError(await post(sb, '/v3/webhooks/endpoints', { url: 'http://hooks.example.com/x' }), 400, 'invalid_parameter', 'url');
    expectError(
      await post(sb, '/v3/webhooks/endpoints', { url: 'https://e.com', events: ['avatar_video.success', 'nope'] }),
      400,
      'invalid_parameter',
      'events[1]',
    );
    expect((await post(sb, '/v3/webhooks/endpoints', { url: 'http://localhost:9/x' })).status).toBe(200);
    expect((await post(sb, '/v3/webhooks/endpoints', { url: 'http://127.0.0.1:9/x' })).status).toBe(200);
    expectError(await get(sb, '/v3/webhooks/endpoints?limit=0'), 400, 'invalid_parameter', 'limit');
  });

  it('lists the 30 event types', async () => {
    const sb = await sandbox();
    const r = await get(sb, '/v3/webhooks/event-types');
    expect(r.body.data.length).toBe(30);
    expect(r.body).toMatchObject({ has_more: false, next_token: null });
    expect(r.body.data.map((e: any) => e.event_type)).toEqual(
      expect.arrayContaining(['avatar_video.success', 'avatar_video.fail', 'batch.finished']),
    );
  });
});

describe('sandbox: webhook delivery', () => {
  it('delivers signed events to endpoints and an unsigned one to callback_url', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    const rx = await receiver();
    const ep = (await post(sb, '/v3/webhooks/endpoints', { url: `${rx.url}/hook` })).body.data;
    await post(sb, '/v3/webhooks/endpoints', { url: `${rx.url}/fail-only`, events: ['avatar_video.fail'] });
    await post(sb, '/v3/webhooks/endpoints', { url: 'https://hooks.example.com/remote' });
    const id = await createVideo(sb, { callback_url: `${rx.url}/cb`, callback_id: 'order-42' });
    clock.advance(1000);
    const got = await rx.waitFor(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((d) => d.path).sort()).toEqual(['/cb', '/hook']);

    const hook = got.find((d) => d.path === '/hook')!;
    expect(hook.body).toMatchObject({
      event_id: expect.stringMatching(/^evt_/),
      event_type: 'avatar_video.success',
      event_data: { video_id: id, url: expect.stringContaining(`/download/${id}/video.mp4`), callback_id: 'order-42' },
    });
    expect(hook.headers[EVENT_ID_HEADER]).toBe(hook.body.event_id);
    // The default scheme (§6.5, most likely): x-heygen-signature = hex HMAC-SHA256 of the raw body; no timestamp.
    expect(hook.headers[TIMESTAMP_HEADER]).toBeUndefined();
    expect(hook.headers['x-heygen-signature']).toBe(createHmac('sha256', ep.secret).update(hook.raw).digest('hex'));
    expect(verify(ep.secret, hook.headers, hook.raw, { now: clock.now })).toMatchObject({
      ok: true,
      scheme: { header: 'x-heygen-signature', message: 'body' },
    });
    expect(verify('whsec_other', hook.headers, hook.raw, { now: clock.now })).toEqual({ ok: false, reason: 'signature-mismatch' });
    expect(verify(ep.secret, hook.headers, hook.raw + ' ', { now: clock.now }).ok).toBe(false);

    const cb = got.find((d) => d.path === '/cb')!;
    for (const h of [...SIGNATURE_HEADERS, SIGNATURE_HEADER]) expect(cb.headers[h]).toBeUndefined();
    expect(cb.body.event_id).toBe(hook.body.event_id);

    const history = await get(sb, `/v3/webhooks/events?entity_id=${id}`);
    expect(history.body.data).toEqual([
      {
        event_id: hook.body.event_id,
        event_type: 'avatar_video.success',
        event_data: hook.body.event_data,
        created_at: new Date(clock.now()).toISOString(),
      },
    ]);
    expect((await get(sb, '/v3/webhooks/events?event_type=avatar_video.fail')).body.data).toEqual([]);
    expectError(await get(sb, '/v3/webhooks/events?event_type=bogus'), 400, 'invalid_parameter', 'event_type');
  });

  it('delivers avatar_video.fail with msg, and retries a failing receiver up to 3 times', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    const rx = await receiver();
    rx.script.push(500, 503, 200);
    await post(sb, '/v3/webhooks/endpoints', { url: `${rx.url}/hook`, events: ['avatar_video.fail'] });
    sb.inject({ kind: 'fail-render', failureMessage: 'the avatar could not be animated' });
    const id = await createVideo(sb);
    clock.advance(1000);
    const got = await rx.waitFor(3);
    expect(got.length).toBe(3);
    expect(new Set(got.map((d) => d.body.event_id)).size).toBe(1);
    expect(got[0]!.body).toMatchObject({
      event_type: 'avatar_video.fail',
      event_data: { video_id: id, msg: 'the avatar could not be animated' },
    });
  });

  it('signs with the rotated secret; PATCH status is not an official field', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 1000 });
    const rx = await receiver();
    const ep = (await post(sb, '/v3/webhooks/endpoints', { url: `${rx.url}/hook` })).body.data;
    expectError(
      await call(sb, 'PATCH', `/v3/webhooks/endpoints/${ep.endpoint_id}`, { status: 'disabled' }),
      400,
      'invalid_parameter',
      'status',
    );
    const { secret } = (await post(sb, `/v3/webhooks/endpoints/${ep.endpoint_id}/rotate-secret`, undefined)).body.data;
    await createVideo(sb);
    clock.advance(1000);
    const [d] = await rx.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.deliveries.map((x) => x.path)).toEqual(['/hook']);
    expect(verify(secret, d!.headers, d!.raw, { now: clock.now }).ok).toBe(true);
    expect(verify(ep.secret, d!.headers, d!.raw, { now: clock.now }).ok).toBe(false);
  });

  it('fires batch.finished once to the batch callback_url', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, renderMs: 500 });
    const rx = await receiver();
    const video = { type: 'avatar', avatar_id: 'lk_maya_portrait', script: 'Hi.' };
    const batch = (await post(sb, '/v3/videos/batches', { videos: [video, video], callback_url: `${rx.url}/batch` })).body.data;
    clock.advance(500);
    const [d] = await rx.waitFor(1);
    expect(d!.body).toMatchObject({ event_type: 'batch.finished', event_data: { batch_id: batch.batch_id, status: 'completed' } });
  });
});
