// Every plausible signing scheme of contract §6.5 verifies, and every refusal is named: the
// whole grid of header × message × key × encoding × prefix, signed here independently with
// node:crypto (not with the code under test), then checked by verify().
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EVENT_ID_HEADER,
  SCHEME_PRESETS,
  SIGNATURE_HEADER,
  SIGNATURE_HEADERS,
  TIMESTAMP_HEADER,
  describeScheme,
  parseScheme,
  sign,
  signatureFor,
  verify,
  type Scheme,
} from '../../src/shared/webhook-signature.js';

const secret = 'whsec_dGVzdC1zZWNyZXQtYnl0ZXMtZm9yLWhtYWM'; // whsec_ + base64("test-secret-bytes-for-hmac")
const body = '{"event_type":"avatar_video.success","event_data":{"video_id":"vid_1"}}';
const now = 1_800_000_000_000;
const ts = String(now / 1000);

/** An independent signer: what a sender using `s` would put in its header. */
function independent(s: Scheme, timestamp = ts): string {
  const key = s.key === 'secret' ? Buffer.from(secret) : Buffer.from(secret.slice(6), 'base64');
  const message = s.message === 'body' ? body : `${timestamp}.${body}`;
  return s.prefix + createHmac('sha256', key).update(message).digest(s.encoding);
}

function headersFor(s: Scheme, timestamp = ts): Record<string, string> {
  return { [s.header]: independent(s, timestamp), ...(s.message === 'timestamp.body' ? { [TIMESTAMP_HEADER]: timestamp } : {}) };
}

const GRID: Scheme[] = [];
for (const header of SIGNATURE_HEADERS)
  for (const message of ['body', 'timestamp.body'] as const)
    for (const key of ['secret', 'whsec-bytes'] as const)
      for (const encoding of ['hex', 'base64'] as const)
        for (const prefix of ['', 'sha256=', 'v1='] as const) GRID.push({ header, message, key, encoding, prefix });

describe('webhook signatures: every plausible scheme verifies and is named', () => {
  it(`covers ${GRID.length} schemes`, () => expect(GRID).toHaveLength(72));

  it.each(GRID.map((s) => [`${s.header}/${s.message}/${s.key}/${s.encoding}/${s.prefix || '-'}`, s] as const))('%s', (_name, s) => {
    const result = verify(secret, headersFor(s), body, { now });
    expect(result).toEqual({ ok: true, scheme: s });
    // The sandbox's signer agrees with the independent one.
    expect(signatureFor(s, secret, body, ts)).toBe(independent(s));
  });

  it('reads headers case-insensitively, from plain objects and Headers, with several signatures and several secrets', () => {
    const s = SCHEME_PRESETS['x-heygen-signature']!;
    const sig = independent(s);
    expect(verify(secret, { 'X-HeyGen-Signature': sig.toUpperCase() }, body, { now }).ok).toBe(true);
    expect(verify(secret, new Headers({ 'x-heygen-signature': sig }), body, { now }).ok).toBe(true);
    expect(verify(secret, { 'x-heygen-signature': `deadbeef, ${sig}` }, body, { now }).ok).toBe(true);
    expect(verify(secret, { 'x-heygen-signature': `t=${ts},v1=${sig}` }, body, { now }).ok).toBe(true);
    expect(verify(['whsec_old', secret], { 'x-heygen-signature': sig }, body, { now }).ok).toBe(true);
    expect(verify(secret, { 'x-hook-sig': sig }, body, { now, signatureHeader: 'X-Hook-Sig' }).ok).toBe(true);
    expect(verify(secret, { 'x-hook-sig': sig }, body, { now }).ok).toBe(false);
  });

  it('needs no timestamp header for a body-only signature, and ignores an unsigned one (stale or garbage)', () => {
    const s = SCHEME_PRESETS['signature']!;
    expect(verify(secret, { signature: independent(s) }, body, { now }).ok).toBe(true);
    expect(verify(secret, { signature: independent(s), [TIMESTAMP_HEADER]: '12' }, body, { now }).ok).toBe(true);
    expect(verify(secret, { signature: independent(s), [TIMESTAMP_HEADER]: 'yesterday' }, body, { now }).ok).toBe(true);
  });

  it('keeps the legacy helpers: sign() is the timestamped hex scheme', () => {
    expect([SIGNATURE_HEADER, TIMESTAMP_HEADER, EVENT_ID_HEADER]).toEqual(['heygen-signature', 'heygen-timestamp', 'heygen-event-id']);
    expect(sign(secret, ts, body)).toBe(independent(SCHEME_PRESETS['heygen-signature']!));
    expect(sign(secret, ts, body)).toBe(sign(secret, Number(ts), Buffer.from(body)));
  });
});

describe('webhook signatures: every refusal', () => {
  const reason = (headers: Record<string, string>, opts: { now?: number; toleranceSec?: number; body?: string; secret?: string } = {}) => {
    const r = verify(opts.secret ?? secret, headers, opts.body ?? body, { now: opts.now ?? now, toleranceSec: opts.toleranceSec });
    return r.ok ? 'ok' : r.reason;
  };
  const hex = SCHEME_PRESETS['x-heygen-signature']!;
  const stamped = SCHEME_PRESETS['heygen-signature']!;

  it('unsigned: no signature header at all (an empty one counts as none)', () => {
    expect(reason({})).toBe('missing-signature');
    expect(reason({ [TIMESTAMP_HEADER]: ts, [EVENT_ID_HEADER]: 'evt_1' })).toBe('missing-signature');
    expect(reason({ 'x-heygen-signature': '' })).toBe('missing-signature');
  });

  it('a signature header holding nothing shaped like a SHA-256 signature is wrongly signed', () => {
    expect(reason({ 'x-heygen-signature': 'not-a-signature' })).toBe('signature-mismatch');
    expect(reason({ 'x-heygen-signature': 'abc123' })).toBe('signature-mismatch'); // too short for SHA-256
    expect(reason({ signature: 'sha256=' })).toBe('signature-mismatch');
  });

  it.each(GRID.map((s) => [`${s.header}/${s.message}/${s.key}/${s.encoding}/${s.prefix || '-'}`, s] as const))(
    'tampered body and wrong secret: %s',
    (_n, s) => {
      expect(reason(headersFor(s), { body: body.replace('vid_1', 'vid_2') })).toBe('signature-mismatch');
      expect(reason(headersFor(s), { secret: 'whsec_b3RoZXItc2VjcmV0' })).toBe('signature-mismatch');
    },
  );

  it('wrongly signed: another hash, one flipped byte, the timestamp changed after signing', () => {
    expect(reason({ 'x-heygen-signature': createHmac('sha1', secret).update(body).digest('hex').padEnd(64, '0') })).toBe(
      'signature-mismatch',
    );
    const sig = independent(hex);
    expect(reason({ 'x-heygen-signature': sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toBe('signature-mismatch');
    expect(reason({ ...headersFor(stamped), [TIMESTAMP_HEADER]: String(Number(ts) + 1) })).toBe('signature-mismatch');
  });

  it('a signed timestamp outside the tolerance (either way); a wider tolerance accepts it', () => {
    const old = String(Number(ts) - 301);
    expect(reason(headersFor(stamped, old))).toBe('timestamp-outside-tolerance');
    expect(reason(headersFor(stamped), { now: now + 301_000 })).toBe('timestamp-outside-tolerance');
    expect(reason(headersFor(stamped), { now: now - 301_000 })).toBe('timestamp-outside-tolerance');
    expect(reason(headersFor(stamped), { now: now + 301_000, toleranceSec: 600 })).toBe('ok');
  });
});

describe('scheme names (the sandbox knob)', () => {
  it('parses presets and header/message/key/encoding[/prefix], refuses anything else', () => {
    expect(parseScheme('x-heygen-signature')).toEqual(SCHEME_PRESETS['x-heygen-signature']);
    expect(parseScheme('X-Custom/timestamp.body/whsec-bytes/base64/v1=')).toEqual({
      header: 'x-custom',
      message: 'timestamp.body',
      key: 'whsec-bytes',
      encoding: 'base64',
      prefix: 'v1=',
    });
    for (const bad of [
      '',
      'nope',
      'h/body',
      'h/body/secret/base32',
      'h/raw/secret/hex',
      'h/body/key/hex',
      'h/body/secret/hex/v2=',
      'bad header/body/secret/hex',
      'h/body/secret/hex/v1=/x',
    ]) {
      expect(parseScheme(bad), bad).toBeUndefined();
    }
    expect(describeScheme(SCHEME_PRESETS['x-heygen-signature']!)).toBe(
      'x-heygen-signature: hex HMAC-SHA256 of the raw body, keyed with the secret as given',
    );
  });
});
