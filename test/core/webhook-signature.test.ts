// The webhook verifier against signatures computed here with node:crypto alone, so a change to the
// shared signer cannot hide a change to the verifier (issue 27: the mutants of
// shared/webhook-signature.ts that no test saw).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeScheme, parseScheme, SCHEME_PRESETS, sign, signatureFor, verify } from '../../src/shared/webhook-signature.js';

const BODY = '{"event_type":"avatar_video.success","event_data":{"video_id":"v1"}}';
const mac = (key: string | Buffer, message: string) => createHmac('sha256', key).update(message).digest();
const WHSEC_BYTES = Buffer.from('0123456789abcdef0123456789abcdef');
const WHSEC = `whsec_${WHSEC_BYTES.toString('base64')}`;
const NOW = 1_750_000_000;

describe('parseScheme and describeScheme', () => {
  it('takes a preset in any case with spaces around, and a custom scheme part by part', () => {
    expect(parseScheme('  SIGNATURE ')).toEqual(SCHEME_PRESETS.signature);
    expect(parseScheme(' X-Sig/timestamp.body/whsec-bytes/base64/v1= ')).toEqual({
      header: 'x-sig',
      message: 'timestamp.body',
      key: 'whsec-bytes',
      encoding: 'base64',
      prefix: 'v1=',
    });
    expect(parseScheme('x-sig/body/secret/hex')).toEqual({ header: 'x-sig', message: 'body', key: 'secret', encoding: 'hex', prefix: '' });
    expect(parseScheme('x-sig/body/secret/hex/sha256=')?.prefix).toBe('sha256=');
    for (const bad of [
      'x-sig/raw/secret/hex',
      'x-sig/body/key/hex',
      'x-sig/body/secret/b64',
      'x-sig/body/secret/hex/t=',
      'x-sig/body/secret/hex/v1=/x',
      'x sig/body/secret/hex',
    ]) {
      expect(parseScheme(bad), bad).toBeUndefined();
    }
  });

  it('says what is signed, with what key and how it is written', () => {
    expect(describeScheme(SCHEME_PRESETS['x-heygen-signature']!)).toBe(
      'x-heygen-signature: hex HMAC-SHA256 of the raw body, keyed with the secret as given',
    );
    expect(describeScheme(SCHEME_PRESETS['whsec-v1']!)).toBe(
      'heygen-signature: "v1=" + base64 HMAC-SHA256 of "<timestamp>.<raw body>", keyed with the base64-decoded bytes after whsec_',
    );
  });
});

describe('signing', () => {
  it('matches HMAC-SHA256 computed independently, for each kind of scheme', () => {
    expect(signatureFor(SCHEME_PRESETS['x-heygen-signature']!, 'sécret', BODY, NOW)).toBe(mac('sécret', BODY).toString('hex'));
    expect(signatureFor(SCHEME_PRESETS['whsec-v1']!, WHSEC, BODY, NOW)).toBe(`v1=${mac(WHSEC_BYTES, `${NOW}.${BODY}`).toString('base64')}`);
    expect(sign('sécret', NOW, BODY)).toBe(mac('sécret', `${NOW}.${BODY}`).toString('hex'));
    expect(() => signatureFor(SCHEME_PRESETS['whsec-v1']!, 'plain', BODY, NOW)).toThrow(/whsec_<base64>/);
    expect(() => signatureFor(SCHEME_PRESETS['whsec-v1']!, 'whsec_', BODY, NOW)).toThrow(/whsec_<base64>/);
  });
});

describe('verify', () => {
  const at = { now: NOW * 1000 };

  it('reads a header in any case from a plain object or a Headers, and joins a repeated one', () => {
    const hex = mac('s', BODY).toString('hex');
    expect(verify('s', { 'X-HeyGen-Signature': hex }, BODY)).toMatchObject({ ok: true });
    expect(verify('s', new Headers({ 'x-heygen-signature': hex }), BODY)).toMatchObject({ ok: true });
    expect(verify('s', { signature: ['0'.repeat(64), hex] }, BODY)).toMatchObject({ ok: true, scheme: { header: 'signature' } });
  });

  it('reads the exact lower-case name before another spelling, and never a header named "undefined"', () => {
    const hex = mac('s', BODY).toString('hex');
    expect(verify('s', { 'X-HeyGen-Signature': '0'.repeat(64), 'x-heygen-signature': hex }, BODY)).toMatchObject({ ok: true });
    expect(verify('s', { undefined: hex }, BODY)).toEqual({ ok: false, reason: 'missing-signature' });
  });

  it('takes a timestamp with spaces around it (a plain header object keeps them)', () => {
    const headers = { 'heygen-signature': mac('s', `${NOW}.${BODY}`).toString('hex'), 'heygen-timestamp': ` ${NOW} ` };
    expect(verify('s', headers, BODY, at)).toMatchObject({ ok: true, scheme: { message: 'timestamp.body' } });
  });

  it('takes the timestamp from x-heygen-timestamp too, and only when it is digits', () => {
    const signed = (ts: string) => mac('s', `${ts}.${BODY}`).toString('hex');
    expect(verify('s', { 'heygen-signature': signed(String(NOW)), 'x-heygen-timestamp': String(NOW) }, BODY, at)).toMatchObject({
      ok: true,
      scheme: { message: 'timestamp.body' },
    });
    for (const ts of [`${NOW}x`, `x${NOW}`]) {
      expect(verify('s', { 'heygen-signature': signed(ts), 'heygen-timestamp': ts }, BODY, at), ts).toEqual({
        ok: false,
        reason: 'signature-mismatch',
      });
    }
  });

  it('allows exactly the tolerance and no more', () => {
    const headers = (ts: number) => ({ 'heygen-signature': mac('s', `${ts}.${BODY}`).toString('hex'), 'heygen-timestamp': String(ts) });
    expect(verify('s', headers(NOW - 300), BODY, at)).toMatchObject({ ok: true });
    expect(verify('s', headers(NOW - 301), BODY, at)).toEqual({ ok: false, reason: 'timestamp-outside-tolerance' });
    expect(verify('s', headers(NOW - 10), BODY, { ...at, toleranceSec: 10 })).toMatchObject({ ok: true });
  });

  it('a signature with anything around it is no signature', () => {
    const hex = mac('s', BODY).toString('hex');
    const b64 = mac('s', BODY).toString('base64');
    for (const value of [`zz${hex}`, `${hex}zz`, `!${b64}`, `${b64}!`, b64.replace(/^(.{10})/, '$1!')]) {
      expect(verify('s', { 'x-heygen-signature': value }, BODY), value).toEqual({ ok: false, reason: 'signature-mismatch' });
    }
    expect(verify('s', { 'x-heygen-signature': b64.replace(/=$/, '') }, BODY)).toMatchObject({ ok: true, scheme: { encoding: 'base64' } });
    expect(verify('s', { 'x-heygen-signature': `t=1, sha256=${b64}` }, BODY)).toMatchObject({ ok: true, scheme: { prefix: 'sha256=' } });
  });

  it('keys with whsec_ bytes only for a whsec_ secret that holds some', () => {
    // Signed with the bytes a non-whsec secret would decode to, and with an empty key: neither is a key.
    const plain = 'abcdefAAAAAAAAAAAAAAAAAAAAAAAA';
    const fromPlain = mac(Buffer.from(plain.slice(6), 'base64'), BODY).toString('hex');
    expect(verify(plain, { 'x-heygen-signature': fromPlain }, BODY)).toEqual({ ok: false, reason: 'signature-mismatch' });
    const emptyKey = mac(Buffer.alloc(0), BODY).toString('hex');
    expect(verify('whsec_', { 'x-heygen-signature': emptyKey }, BODY)).toEqual({ ok: false, reason: 'signature-mismatch' });
    expect(verify(['old', WHSEC], { 'x-heygen-signature': mac(WHSEC_BYTES, BODY).toString('hex') }, BODY)).toMatchObject({
      ok: true,
      scheme: { key: 'whsec-bytes' },
    });
  });
});
