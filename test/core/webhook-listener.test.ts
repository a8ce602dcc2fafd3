// The receiver core over real HTTP: crafted deliveries (signed, tampered, stale, repeated)
// and forwarding of the exact bytes to a recording server.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startWebhookListener,
  type Delivery,
  type ListenerOptions,
  type Rejection,
  type WebhookListener,
} from '../../src/core/webhooks/listener.js';
import { startRecorder, type Recorder } from '../commands/webhooks.helpers.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from '../../src/shared/webhook-signature.js';

const SECRET = 'whsec_test_secret';
const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

interface Seen {
  deliveries: Delivery[];
  duplicates: Delivery[];
  rejected: Rejection[];
  forwards: Array<{ status?: number; error?: string }>;
}

async function listener(overrides: Partial<ListenerOptions> = {}): Promise<WebhookListener & { seen: Seen }> {
  const seen: Seen = { deliveries: [], duplicates: [], rejected: [], forwards: [] };
  const l = await startWebhookListener(
    { host: '127.0.0.1', port: 0, secrets: [SECRET], toleranceSec: 300, now: Date.now, ...overrides },
    {
      delivery: (d) => seen.deliveries.push(d),
      duplicate: (d) => seen.duplicates.push(d),
      rejected: (r) => seen.rejected.push(r),
      forwarded: (_d, f) => seen.forwards.push(f),
    },
  );
  open.push(l);
  return Object.assign(l, { seen });
}

function event(
  id: string,
  type = 'avatar_video.success',
  data: Record<string, unknown> = { video_id: 'v1', url: 'https://x/v.mp4' },
): string {
  return JSON.stringify({ event_id: id, event_type: type, event_data: data, created_at: '2026-01-01T00:00:00.000Z' });
}

function signedHeaders(body: string, opts: { secret?: string; timestamp?: number; eventId?: string } = {}): Record<string, string> {
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: ts,
    [SIGNATURE_HEADER]: sign(opts.secret ?? SECRET, ts, body),
    ...(opts.eventId ? { [EVENT_ID_HEADER]: opts.eventId } : {}),
  };
}

const post = (url: string, body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', body, headers });

async function recorder(status = 200): Promise<Recorder> {
  const r = await startRecorder(status);
  open.push(r);
  return r;
}

describe('webhook listener', () => {
  it('accepts a correctly signed delivery and reports its fields', async () => {
    const l = await listener();
    const body = event('evt_1');
    const res = await post(l.url, body, signedHeaders(body, { eventId: 'evt_1' }));
    expect(res.status).toBe(200);
    expect(l.seen.deliveries).toHaveLength(1);
    const d = l.seen.deliveries[0]!;
    expect(d).toMatchObject({ eventId: 'evt_1', eventType: 'avatar_video.success', verified: true });
    expect(d.eventData.video_id).toBe('v1');
    expect(d.rawBody.equals(Buffer.from(body))).toBe(true);
  });

  it.each([
    ['a tampered body', (body: string) => ({ body: body.replace('v1', 'v2'), headers: signedHeaders(body) }), 'signature-mismatch'],
    ['a wrong secret', (body: string) => ({ body, headers: signedHeaders(body, { secret: 'whsec_other' }) }), 'signature-mismatch'],
    [
      'a missing signature',
      (body: string) => ({
        body,
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)) },
      }),
      'missing-signature',
    ],
    [
      'a stale timestamp',
      (body: string) => ({ body, headers: signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) }),
      'timestamp-outside-tolerance',
    ],
  ] as const)('rejects %s with 400 and reports why', async (_name, craft, reason) => {
    const l = await listener();
    const { body, headers } = craft(event('evt_bad'));
    const res = await post(l.url, body, headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: reason });
    expect(l.seen.rejected.map((r) => r.reason)).toEqual([reason]);
    expect(l.seen.deliveries).toEqual([]);
    expect(l.stats.rejected).toBe(1);
  });

  it('reads the signature from a configured header name too', async () => {
    const body = event('evt_h');
    const h = signedHeaders(body);
    const moved = { ...h, 'x-hook-signature': h[SIGNATURE_HEADER]! };
    delete (moved as Record<string, string>)[SIGNATURE_HEADER];
    const plain = await listener();
    expect((await post(plain.url, body, moved)).status).toBe(400);
    const l = await listener({ signatureHeader: 'X-Hook-Signature' });
    expect((await post(l.url, body, moved)).status).toBe(200);
    expect((await post(l.url, event('evt_h2'), signedHeaders(event('evt_h2')))).status).toBe(200); // the usual headers still count
  });

  it('de-duplicates on the signed content: a captured delivery re-sent with a new event-id header is still a duplicate', async () => {
    const l = await listener();
    const noId = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v7', url: 'https://x/v.mp4' } });
    const captured = signedHeaders(noId, { eventId: 'evt_first' });
    expect((await post(l.url, noId, captured)).status).toBe(200);
    expect((await post(l.url, noId, { ...captured, [EVENT_ID_HEADER]: 'evt_forged_new_id' })).status).toBe(200);
    const withId = event('evt_body');
    const h = signedHeaders(withId, { eventId: 'evt_body' });
    expect((await post(l.url, withId, h)).status).toBe(200);
    expect((await post(l.url, withId, { ...h, [EVENT_ID_HEADER]: 'evt_other' })).status).toBe(200);
    expect(l.seen.deliveries).toHaveLength(2);
    expect(l.seen.duplicates).toHaveLength(2);
    expect(l.stats).toMatchObject({ received: 2, duplicates: 2 });
  });

  it('accepts a second secret during a rotation', async () => {
    const l = await listener({ secrets: ['whsec_old', SECRET] });
    const body = event('evt_r');
    expect((await post(l.url, body, signedHeaders(body))).status).toBe(200);
  });

  it("acknowledges a redelivery with 200 but reports it once (the body's event id, else a hash of the body)", async () => {
    const l = await listener({ secrets: [] });
    const body = event('evt_dup');
    for (let i = 0; i < 2; i++) expect((await post(l.url, body, { 'content-type': 'application/json' })).status).toBe(200);
    const noId = JSON.stringify({ event_type: 'avatar_video.fail', event_data: { video_id: 'v9', msg: 'boom' } });
    for (let i = 0; i < 2; i++) expect((await post(l.url, noId, {})).status).toBe(200);
    expect(l.seen.deliveries.map((d) => d.key)).toEqual(['event:evt_dup', expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    expect(l.seen.duplicates).toHaveLength(2);
    expect(l.seen.deliveries.every((d) => !d.verified)).toBe(true);
  });

  it('a rejected delivery does not block the genuine one with the same event id', async () => {
    const l = await listener();
    const body = event('evt_same');
    expect((await post(l.url, body.replace('v1', 'v666'), signedHeaders(body, { eventId: 'evt_same' }))).status).toBe(400);
    expect((await post(l.url, body, signedHeaders(body, { eventId: 'evt_same' }))).status).toBe(200);
    expect(l.seen.deliveries).toHaveLength(1);
  });

  it('ignores event types outside the filter, but still answers 200', async () => {
    const l = await listener({ secrets: [], events: ['avatar_video.fail'] });
    expect((await post(l.url, event('evt_a'), {})).status).toBe(200);
    expect((await post(l.url, event('evt_b', 'avatar_video.fail', { video_id: 'v1', msg: 'x' }), {})).status).toBe(200);
    expect(l.seen.deliveries.map((d) => d.eventId)).toEqual(['evt_b']);
    expect(l.stats.ignored).toBe(1);
  });

  it('answers 400 to a body that is not JSON, 404 off --path, 405 to other methods, 413 to huge bodies', async () => {
    const l = await listener({ secrets: [], path: '/hook', maxBodyBytes: 1000 });
    expect(l.url).toMatch(/\/hook$/);
    expect((await post(l.url, 'not json', {})).status).toBe(400);
    expect((await post(l.url.replace('/hook', '/other'), event('e'), {})).status).toBe(404);
    expect((await fetch(l.url, { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await fetch(l.url, { method: 'OPTIONS' })).status).toBe(200);
    expect((await post(l.url, JSON.stringify({ pad: 'x'.repeat(2000) }), {})).status).toBe(413);
    expect(l.seen.rejected.map((r) => r.reason)).toEqual(['invalid-json', 'body-too-large']);
  });

  it('forwards the exact bytes and the original headers, once per event', async () => {
    const target = await recorder(202);
    const l = await listener({ forwardTo: target.url });
    const body = `${event('evt_fw')}\n  `; // odd whitespace must survive byte for byte
    const headers = { ...signedHeaders(body, { eventId: 'evt_fw' }), 'x-custom': 'kept' };
    await post(l.url, body, headers);
    await post(l.url, body, headers);
    await l.close();
    expect(target.got).toHaveLength(1);
    const got = target.got[0]!;
    expect(got.raw.equals(Buffer.from(body))).toBe(true);
    expect(got.headers['x-custom']).toBe('kept');
    expect(got.headers[EVENT_ID_HEADER]).toBe('evt_fw');
    expect(verify(SECRET, got.headers, got.raw)).toMatchObject({ ok: true });
    expect(l.seen.forwards).toEqual([expect.objectContaining({ status: 202 })]);
    expect(l.stats).toMatchObject({ forwarded: 1, forwardFailed: 0, duplicates: 1 });
  });

  it('keeps listening when the forward target is down', async () => {
    const target = await recorder();
    const deadUrl = target.url.replace(/:\d+\//, ':1/');
    const l = await listener({ secrets: [], forwardTo: deadUrl });
    expect((await post(l.url, event('evt_x'), {})).status).toBe(200);
    expect((await post(l.url, event('evt_y'), {})).status).toBe(200);
    await l.close();
    expect(l.seen.forwards).toEqual([
      expect.objectContaining({ error: 'connection refused' }),
      expect.objectContaining({ error: 'connection refused' }),
    ]);
    expect(l.stats.forwardFailed).toBe(2);
  });
});
