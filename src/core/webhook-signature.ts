// The webhook signing scheme, shared by the sandbox (which signs) and the CLI (which verifies).
// HeyGen does not publish its scheme (contract §6.5), so this is the emulator's documented choice:
// hex HMAC-SHA256 over `${timestamp}.${rawBody}`, keyed with the whole `whsec_…` secret string.
// Signing the timestamp with the body lets a receiver reject replays outside a tolerance window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'heygen-signature';
export const TIMESTAMP_HEADER = 'heygen-timestamp';
export const EVENT_ID_HEADER = 'heygen-event-id';

export type HeaderBag = Record<string, string | string[] | undefined> | Headers;

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'missing-signature'
        | 'missing-timestamp'
        | 'invalid-timestamp'
        | 'timestamp-outside-tolerance'
        | 'signature-mismatch';
    };

export interface VerifyOptions {
  /** Allowed clock skew between the signer and this receiver, in seconds. Default 300. */
  toleranceSec?: number;
  /** Current time in ms (a number or a clock function). Default Date.now(). */
  now?: number | (() => number);
  /** Header carrying the signature(s); default SIGNATURE_HEADER (the real name is unconfirmed, §6.5). */
  signatureHeader?: string;
  /** Header carrying the signed Unix timestamp; default TIMESTAMP_HEADER. */
  timestampHeader?: string;
}

/** Hex HMAC-SHA256 of `${timestamp}.${rawBody}`; `timestamp` is Unix seconds. */
export function sign(secret: string, timestamp: string | number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest('hex');
}

/**
 * Checks a delivery. `secret` may be a list so a receiver can accept both secrets while it
 * rolls over a rotation. The signature header may carry several comma-separated signatures.
 */
export function verify(
  secret: string | readonly string[],
  headers: HeaderBag,
  rawBody: string | Uint8Array,
  options: VerifyOptions = {},
): VerifyResult {
  const signatureHeader = readHeader(headers, (options.signatureHeader ?? SIGNATURE_HEADER).toLowerCase());
  if (!signatureHeader) return { ok: false, reason: 'missing-signature' };
  const timestamp = readHeader(headers, (options.timestampHeader ?? TIMESTAMP_HEADER).toLowerCase());
  if (!timestamp) return { ok: false, reason: 'missing-timestamp' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'invalid-timestamp' };

  const nowMs = typeof options.now === 'function' ? options.now() : (options.now ?? Date.now());
  const toleranceSec = options.toleranceSec ?? 300;
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > toleranceSec) {
    return { ok: false, reason: 'timestamp-outside-tolerance' };
  }

  const offered = signatureHeader
    .split(',')
    .map((s) => s.trim().replace(/^v1=/, ''))
    .filter((s) => /^[0-9a-f]{64}$/i.test(s))
    .map((s) => Buffer.from(s.toLowerCase(), 'hex'));
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const candidate of secrets) {
    const expected = Buffer.from(sign(candidate, timestamp, rawBody), 'hex');
    // Every offered signature is compared in constant time; lengths are fixed at 32 bytes.
    if (offered.some((o) => o.length === expected.length && timingSafeEqual(o, expected))) {
      return { ok: true };
    }
  }
  return { ok: false, reason: 'signature-mismatch' };
}

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  let value = bag[name];
  if (value === undefined) {
    const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : bag[key];
  }
  return Array.isArray(value) ? value[0] : value;
}
