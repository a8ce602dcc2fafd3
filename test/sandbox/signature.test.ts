import { describe, expect, it } from 'vitest';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from '../../src/core/webhook-signature.js';

const secret = 'whsec_test_secret';
const body = '{"event_type":"avatar_video.success","event_data":{"video_id":"vid_1"}}';
const now = 1_800_000_000_000;
const ts = String(now / 1000);

describe('webhook signature scheme', () => {
  it('exports the header names the sandbox sends', () => {
    expect([SIGNATURE_HEADER, TIMESTAMP_HEADER, EVENT_ID_HEADER]).toEqual(['heygen-signature', 'heygen-timestamp', 'heygen-event-id']);
  });

  it('signs `${timestamp}.${body}` with hex HMAC-SHA256', () => {
    expect(sign(secret, ts, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(sign(secret, ts, body)).toBe(sign(secret, Number(ts), Buffer.from(body)));
    expect(sign(secret, ts, body)).not.toBe(sign(secret, Number(ts) + 1, body));
  });

  it('verifies good signatures from plain objects and Headers, case-insensitively', () => {
    const sig = sign(secret, ts, body);
    expect(verify(secret, { 'heygen-signature': sig, 'heygen-timestamp': ts }, body, { now })).toEqual({ ok: true });
    expect(verify(secret, { 'Heygen-Signature': sig, 'Heygen-Timestamp': ts }, body, { now: () => now })).toEqual({ ok: true });
    const h = new Headers({ 'heygen-signature': `v1=${sig.toUpperCase()}`, 'heygen-timestamp': ts });
    expect(verify(secret, h, body, { now })).toEqual({ ok: true });
    expect(verify(['whsec_old', secret], { 'heygen-signature': sig, 'heygen-timestamp': ts }, body, { now }).ok).toBe(true);
    expect(verify(secret, { 'heygen-signature': `deadbeef,${sig}`, 'heygen-timestamp': ts }, body, { now }).ok).toBe(true);
  });

  it('names why a delivery is rejected', () => {
    const sig = sign(secret, ts, body);
    const reason = (headers: Record<string, string>, opts = {}) => {
      const r = verify(secret, headers, body, { now, ...opts });
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason({ 'heygen-timestamp': ts })).toBe('missing-signature');
    expect(reason({ 'heygen-signature': sig })).toBe('missing-timestamp');
    expect(reason({ 'heygen-signature': sig, 'heygen-timestamp': 'yesterday' })).toBe('invalid-timestamp');
    expect(reason({ 'heygen-signature': sig, 'heygen-timestamp': String(Number(ts) - 301) })).toBe('timestamp-outside-tolerance');
    expect(reason({ 'heygen-signature': sig, 'heygen-timestamp': ts }, { now: now + 301_000 })).toBe('timestamp-outside-tolerance');
    expect(reason({ 'heygen-signature': sig, 'heygen-timestamp': ts }, { now: now + 301_000, toleranceSec: 600 })).toBe('ok');
    expect(reason({ 'heygen-signature': sig.replace(/.$/, (c) => (c === '0' ? '1' : '0')), 'heygen-timestamp': ts })).toBe('signature-mismatch');
    expect(reason({ 'heygen-signature': 'not-hex', 'heygen-timestamp': ts })).toBe('signature-mismatch');
  });
});
