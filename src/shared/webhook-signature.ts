// Webhook signatures, shared by the sandbox (which signs) and `twin webhooks listen` (which
// verifies). HeyGen confirms HMAC-SHA256 but not the header, the encoding or whether a timestamp
// is signed (contract §6.5). So the receiver accepts a delivery that verifies under any plausible
// scheme and says which one did; the sandbox signs with one chosen scheme (a knob), by default the
// one most third-party receivers assume: `x-heygen-signature`, hex HMAC-SHA256 of the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header names third-party receivers read, most common first. */
export const SIGNATURE_HEADERS = ['x-heygen-signature', 'signature', 'heygen-signature'] as const;
/** The timestamped variant's headers (`Heygen-Signature` + `Heygen-Timestamp` + `Heygen-Event-Id`). */
export const SIGNATURE_HEADER = 'heygen-signature';
export const TIMESTAMP_HEADER = 'heygen-timestamp';
const TIMESTAMP_HEADERS = [TIMESTAMP_HEADER, 'x-heygen-timestamp'] as const;
export const EVENT_ID_HEADER = 'heygen-event-id';

export interface Scheme {
  /** Header carrying the signature (lower case). */
  header: string;
  /** What is signed: the raw body alone, or `<timestamp>.<raw body>`. */
  message: 'body' | 'timestamp.body';
  /** The HMAC key: the secret string as given, or the base64-decoded bytes after `whsec_`. */
  key: 'secret' | 'whsec-bytes';
  encoding: 'hex' | 'base64';
  prefix: '' | 'sha256=' | 'v1=';
}

export const SCHEME_PRESETS: Readonly<Record<string, Scheme>> = Object.freeze({
  'x-heygen-signature': { header: 'x-heygen-signature', message: 'body', key: 'secret', encoding: 'hex', prefix: '' },
  signature: { header: 'signature', message: 'body', key: 'secret', encoding: 'hex', prefix: '' },
  'heygen-signature': { header: 'heygen-signature', message: 'timestamp.body', key: 'secret', encoding: 'hex', prefix: '' },
  'sha256-base64': { header: 'x-heygen-signature', message: 'body', key: 'secret', encoding: 'base64', prefix: 'sha256=' },
  'whsec-v1': { header: 'heygen-signature', message: 'timestamp.body', key: 'whsec-bytes', encoding: 'base64', prefix: 'v1=' },
});
export const DEFAULT_SCHEME = 'x-heygen-signature';

/**
 * A preset name, or `header/message/key/encoding[/prefix]` with message `body|timestamp.body`,
 * key `secret|whsec-bytes`, encoding `hex|base64`, prefix `sha256=|v1=`. Undefined when invalid.
 */
export function parseScheme(text: string): Scheme | undefined {
  const preset = SCHEME_PRESETS[text.trim().toLowerCase()];
  if (preset) return { ...preset };
  const [header, message, key, encoding, prefix = '', ...rest] = text.trim().split('/');
  if (rest.length > 0 || !header || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) return undefined;
  if (message !== 'body' && message !== 'timestamp.body') return undefined;
  if (key !== 'secret' && key !== 'whsec-bytes') return undefined;
  if (encoding !== 'hex' && encoding !== 'base64') return undefined;
  if (prefix !== '' && prefix !== 'sha256=' && prefix !== 'v1=') return undefined;
  return { header: header.toLowerCase(), message, key, encoding, prefix };
}

/** `x-heygen-signature: hex HMAC-SHA256 of the raw body, keyed with the secret as given`. */
export function describeScheme(s: Scheme): string {
  const what = s.message === 'body' ? 'the raw body' : '"<timestamp>.<raw body>"';
  const key = s.key === 'secret' ? 'the secret as given' : 'the base64-decoded bytes after whsec_';
  return `${s.header}: ${s.prefix ? `"${s.prefix}" + ` : ''}${s.encoding} HMAC-SHA256 of ${what}, keyed with ${key}`;
}

/** The header value a sender using `scheme` puts on a delivery. */
export function signatureFor(scheme: Scheme, secret: string, rawBody: string | Uint8Array, timestamp: string | number): string {
  const key = keyBytes(secret, scheme.key);
  if (!key) throw new Error('the whsec-bytes scheme needs a secret of the form whsec_<base64>');
  const mac = hmac(key, scheme.message === 'body' ? undefined : String(timestamp), rawBody);
  return `${scheme.prefix}${mac.toString(scheme.encoding)}`;
}

/** Hex HMAC-SHA256 of `${timestamp}.${rawBody}` keyed with the secret string (the `heygen-signature` preset). */
export function sign(secret: string, timestamp: string | number, rawBody: string | Uint8Array): string {
  // Stryker disable next-line StringLiteral: equivalent: UTF-8 is Buffer.from's default
  return hmac(Buffer.from(secret, 'utf8'), String(timestamp), rawBody).toString('hex');
}

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

export type VerifyResult =
  | { ok: true; scheme: Scheme }
  | { ok: false; reason: 'missing-signature' | 'timestamp-outside-tolerance' | 'signature-mismatch' };

export interface VerifyOptions {
  /** Allowed clock skew for a signed timestamp, in seconds. Default 300. */
  toleranceSec?: number;
  /** Current time in ms (a number or a clock function). Default Date.now(). */
  now?: number | (() => number);
  /** One more header to read signatures from, besides SIGNATURE_HEADERS. */
  signatureHeader?: string;
}

interface Candidate {
  header: string;
  bytes: Buffer;
  encoding: Scheme['encoding'];
  prefix: Scheme['prefix'];
}

/**
 * Checks a delivery against every plausible scheme (§6.5) and every secret (several while a
 * rotation rolls over). A timestamp is tried as part of the message only when a timestamp header
 * is present, and its tolerance is enforced only when the signature that matched covers it (an
 * unsigned timestamp proves nothing). Every comparison runs, in constant time, before deciding.
 */
export function verify(
  secret: string | readonly string[],
  headers: HeaderBag,
  rawBody: string | Uint8Array,
  options: VerifyOptions = {},
): VerifyResult {
  const names = [...new Set([...(options.signatureHeader ? [options.signatureHeader.toLowerCase()] : []), ...SIGNATURE_HEADERS])];
  const values = names.map((name) => [name, readHeader(headers, name)?.trim()] as const).filter(([, v]) => v);
  if (values.length === 0) return { ok: false, reason: 'missing-signature' };
  // A header that holds nothing shaped like a SHA-256 signature is a wrong signature, not a missing one.
  const candidates = values.flatMap(([name, value]) => candidatesFrom(name, value));
  const timestamp = TIMESTAMP_HEADERS.map((name) => readHeader(headers, name))
    .find((v) => v !== undefined)
    ?.trim();
  const messages: Array<{ kind: Scheme['message']; timestamp?: string }> = [{ kind: 'body' }];
  if (timestamp && /^\d{1,12}$/.test(timestamp)) messages.push({ kind: 'timestamp.body', timestamp });

  let match: Scheme | undefined;
  for (const s of typeof secret === 'string' ? [secret] : secret) {
    for (const keyKind of ['secret', 'whsec-bytes'] as const) {
      const key = keyBytes(s, keyKind);
      if (!key) continue;
      for (const message of messages) {
        const expected = hmac(key, message.timestamp, rawBody);
        for (const c of candidates) {
          // No early exit: a match found late takes as long as one found early.
          const equal = timingSafeEqual(c.bytes, expected);
          if (equal && !match) match = { header: c.header, message: message.kind, key: keyKind, encoding: c.encoding, prefix: c.prefix };
        }
      }
    }
  }
  if (!match) return { ok: false, reason: 'signature-mismatch' };
  if (match.message === 'timestamp.body') {
    const nowMs = typeof options.now === 'function' ? options.now() : (options.now ?? Date.now());
    if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > (options.toleranceSec ?? 300)) {
      return { ok: false, reason: 'timestamp-outside-tolerance' };
    }
  }
  return { ok: true, scheme: match };
}

/**
 * Every signature a header value offers: comma- or space-separated, each optionally prefixed
 * `sha256=` or `v1=` (a Stripe-style `t=…` part is skipped), as hex or base64 of 32 bytes.
 */
function candidatesFrom(header: string, value: string | undefined): Candidate[] {
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent: verify passes only non-empty values
  if (!value) return [];
  const out: Candidate[] = [];
  // Stryker disable next-line Regex: equivalent: the empty parts a single-character split adds match no signature
  for (const part of value.split(/[\s,]+/)) {
    const prefix = (/^(sha256=|v1=)/i.exec(part)?.[1]?.toLowerCase() ?? '') as Scheme['prefix'];
    const text = part.slice(prefix.length);
    if (/^[0-9a-f]{64}$/i.test(text)) out.push({ header, bytes: Buffer.from(text, 'hex'), encoding: 'hex', prefix });
    else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
      const bytes = Buffer.from(text, 'base64');
      // Stryker disable next-line ConditionalExpression: equivalent: 43 base64 characters (and an optional '=') always decode to 32 bytes
      if (bytes.length === 32) out.push({ header, bytes, encoding: 'base64', prefix });
    }
  }
  return out;
}

function keyBytes(secret: string, kind: Scheme['key']): Buffer | undefined {
  // Stryker disable next-line StringLiteral: equivalent: UTF-8 is Buffer.from's default
  if (kind === 'secret') return Buffer.from(secret, 'utf8');
  if (!secret.startsWith('whsec_')) return undefined;
  const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

function hmac(key: Buffer, timestamp: string | undefined, rawBody: string | Uint8Array): Buffer {
  const mac = createHmac('sha256', key);
  if (timestamp !== undefined) mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return mac.digest();
}

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined; // a global from Node 18 on
  const bag = headers as Record<string, string | string[] | undefined>;
  let value = bag[name];
  if (value === undefined) {
    const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : bag[key];
  }
  return Array.isArray(value) ? value.join(',') : value;
}
