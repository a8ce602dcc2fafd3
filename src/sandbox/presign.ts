// Presigned download URLs, S3-style: the path, expiry and a serial number are signed with a
// per-sandbox secret. The serial lets the `expire-urls` fault revoke every URL issued so far.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { State } from './state.js';

function signature(state: State, path: string, expires: string, serial: string): Buffer {
  return createHmac('sha256', state.urlSecret).update(`${path}\n${expires}\n${serial}`).digest();
}

export function presign(state: State, videoId: string, file: string): string {
  return presignPath(state, `/download/${videoId}/${file}`, state.options.urlTtlMs);
}

/** Any path on the file host (downloads, direct uploads), valid for `ttlMs` (0: born expired). */
export function presignPath(state: State, path: string, ttlMs: number): string {
  state.urlSeq += 1;
  const expires = String(state.now() + ttlMs);
  const serial = String(state.urlSeq);
  const sig = signature(state, path, expires, serial).toString('hex');
  return `${state.baseUrl}${path}?expires=${expires}&n=${serial}&sig=${sig}`;
}

type PresignCheck = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string };

export function checkPresigned(state: State, path: string, query: Record<string, string>): PresignCheck {
  const { expires, n, sig } = query;
  if (!expires || !n || !sig) {
    return { ok: false, code: 'AccessDenied', message: 'Query-string authentication requires the expires, n and sig parameters' };
  }
  const expected = signature(state, path, expires, n);
  const given = /^[0-9a-f]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided',
    };
  }
  if (Number(expires) <= state.now() || Number(n) <= state.revokedUpTo) {
    return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  }
  return { ok: true };
}
