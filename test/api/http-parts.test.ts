// The pure pieces of one API attempt (api/http-parts.ts, api/body-cap.ts), called directly
// (issue 27): the query string, a 2xx body against its schema, whether a keyed write may have
// run, the one abort listener fanned out to every request, and the size cap on a body.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fanOut, headerValue, newIdempotencyKey, parseSuccess, queryString, unknownAfter, userKey } from '../../src/api/http-parts.js';
import { MAX_JSON_BYTES, readCapped, tooLarge } from '../../src/api/body-cap.js';
import { ApiError } from '../../src/shared/errors.js';

const failed = (extra: Record<string, unknown>) => ({ ok: false as const, error: new ApiError('x', {}), ...extra });

describe('queryString', () => {
  it('leaves out empty values, joins arrays with commas, and encodes', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({})).toBe('');
    expect(queryString({ a: undefined, b: null, c: '', d: [] })).toBe('');
    expect(queryString({ limit: 10, next: 'a b&c', all: true, off: false, zero: 0, ids: ['v1', 'v2'] })).toBe(
      '?limit=10&next=a+b%26c&all=true&off=false&zero=0&ids=v1%2Cv2',
    );
    expect(queryString({ one: ['only'] })).toBe('?one=only');
  });
});

describe('parseSuccess', () => {
  const facts = { endpoint: 'GET /v3/x', status: 200, requestId: 'req_1', redact: (text: string) => text.replace('SECRET', '[redacted]') };
  const schema = z.object({ data: z.object({ id: z.string() }) });

  it('returns the parsed value', () => {
    expect(parseSuccess(schema, '{"data":{"id":"a","extra":1}}', facts)).toEqual({ ok: true, value: { data: { id: 'a' } } });
  });

  it('a body that is not JSON, or not the shape: garbled, naming the endpoint and status, redacted', () => {
    const notJson = parseSuccess(schema, 'oops SECRET', facts);
    expect(notJson).toMatchObject({ ok: false, status: 200, unreadable: 'garbled' });
    expect(!notJson.ok && notJson.error.message).toBe('GET /v3/x returned 200 but the body is not JSON: "oops [redacted]".');
    const wrong = parseSuccess(schema, '{"data":{"id":7}}', { ...facts, status: 201 });
    expect(wrong).toMatchObject({ ok: false, status: 201, unreadable: 'garbled' });
    expect(!wrong.ok && wrong.error.message).toMatch(
      /^GET \/v3\/x returned 201 but the body does not match the expected shape at data\.id/,
    );
    expect(!wrong.ok && (wrong.error as ApiError).code).toBe('malformed_response');
  });
});

describe('unknownAfter', () => {
  it('an unreadable 2xx, a lost connection or a 5xx: the write may have run', () => {
    expect(unknownAfter(failed({ unreadable: 'garbled', status: 200 }), undefined)).toBe('unreadable');
    expect(unknownAfter(failed({ unreadable: 'oversize', status: 200 }), 'network')).toBe('unreadable');
    for (const network of ['dropped', 'timeout', 'other'] as const) {
      expect(unknownAfter(failed({ network }), undefined), network).toBe('network');
    }
    expect(unknownAfter(failed({ status: 500 }), undefined)).toBe('server_error');
    expect(unknownAfter(failed({ status: 503 }), 'network')).toBe('server_error');
  });

  it('a refused connection or a 429 keeps what earlier attempts left; a definite 4xx settles it', () => {
    expect(unknownAfter(failed({ network: 'refused' }), undefined)).toBeUndefined();
    expect(unknownAfter(failed({ network: 'refused' }), 'network')).toBe('network');
    expect(unknownAfter(failed({ network: 'dns' }), 'server_error')).toBe('server_error');
    expect(unknownAfter(failed({ status: 429 }), 'network')).toBe('network');
    expect(unknownAfter(failed({ status: 409, apiCode: 'request_in_progress' }), 'server_error')).toBe('server_error');
    expect(unknownAfter(failed({}), 'network')).toBe('network');
    expect(unknownAfter(failed({ status: 302 }), 'network')).toBe('network');
    for (const status of [400, 404, 409, 422, 499]) {
      expect(unknownAfter(failed({ status, apiCode: 'conflict' }), 'network'), String(status)).toBeUndefined();
    }
    expect(unknownAfter(failed({ status: 409 }), 'network')).toBeUndefined();
    // The still-running code counts only on a 409.
    expect(unknownAfter(failed({ status: 400, apiCode: 'request_in_progress' }), 'network')).toBeUndefined();
  });
});

describe('newIdempotencyKey', () => {
  it('is a fresh UUID each time', () => {
    const [a, b] = [newIdempotencyKey(), newIdempotencyKey()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('userKey and headerValue', () => {
  const spec = { method: 'POST', path: '/v3/videos', endpoint: 'POST /v3/videos', schema: z.unknown() } as const;
  it('a key minted inside is not the user’s to re-run with', () => {
    expect(userKey({ ...spec, idempotencyKey: 'k1' })).toBe('k1');
    expect(userKey({ ...spec, idempotencyKey: 'k1', internalKey: true })).toBeUndefined();
    expect(userKey({ ...spec, idempotencyKey: 'k1', internalKey: false })).toBe('k1');
  });
  it('the first of repeated headers', () => {
    expect(headerValue(['a', 'b'])).toBe('a');
    expect(headerValue('c')).toBe('c');
    expect(headerValue(undefined)).toBeUndefined();
  });
});

describe('fanOut', () => {
  it('no outer signal: none inside', () => {
    const { signal, detach } = fanOut(undefined);
    expect(signal).toBeUndefined();
    expect(() => detach()).not.toThrow();
  });

  it('forwards an abort (and its reason) to its own signal, once', () => {
    const outer = new AbortController();
    const { signal } = fanOut(outer.signal);
    expect(signal?.aborted).toBe(false);
    const reason = new Error('ctrl-c');
    outer.abort(reason);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(reason);
  });

  it('an outer signal already aborted: aborted at once', () => {
    const outer = new AbortController();
    outer.abort('early');
    const { signal } = fanOut(outer.signal);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe('early');
  });

  it('after detach an abort no longer reaches it', () => {
    const outer = new AbortController();
    const { signal, detach } = fanOut(outer.signal);
    detach();
    outer.abort();
    expect(signal?.aborted).toBe(false);
  });

  it('takes any number of listeners without a MaxListeners warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const { signal } = fanOut(new AbortController().signal);
      for (let i = 0; i < 20; i++) signal?.addEventListener('abort', () => {});
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});

/** A response body: chunks as given, and what was done to it. */
function body(chunks: Array<Buffer | string>) {
  const seen = { destroyed: false, errorListeners: 0, read: 0 };
  return {
    seen,
    destroy() {
      seen.destroyed = true;
    },
    on(event: 'error') {
      if (event === 'error') seen.errorListeners++;
    },
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        seen.read++;
        yield chunk;
      }
    },
  };
}

describe('readCapped', () => {
  it('reads bytes and strings up to the cap exactly', async () => {
    const b = body([Buffer.from('héllo '), 'wörld']);
    expect(await readCapped(b, undefined, 14)).toBe('héllo wörld');
    expect(b.seen.destroyed).toBe(false);
    expect(await readCapped(body(['12345']), '5', 5)).toBe('12345');
    expect(await readCapped(body(['12345']), ['5', '9'], 5)).toBe('12345');
  });

  it('a declared length over the cap: nothing read, the body destroyed (its error swallowed)', async () => {
    const b = body(['x']);
    expect(await readCapped(b, '6', 5)).toBeUndefined();
    expect(b.seen).toEqual({ destroyed: true, errorListeners: 1, read: 0 });
    const first = body(['x']);
    expect(await readCapped(first, ['6', '1'], 5)).toBeUndefined();
    expect(first.seen.read).toBe(0);
  });

  it('a body that grows past the cap (whatever it declared): reading stops there', async () => {
    const b = body(['123', '456', '789']);
    expect(await readCapped(b, 'nonsense', 5)).toBeUndefined();
    expect(b.seen).toEqual({ destroyed: true, errorListeners: 1, read: 2 });
    const multiByte = body(['ééé']); // 6 bytes in 3 characters
    expect(await readCapped(multiByte, undefined, 5)).toBeUndefined();
  });
});

describe('tooLarge', () => {
  it('names the endpoint and the cap in the largest whole unit, and the request id when there is one', () => {
    const error = tooLarge({ endpoint: 'GET /v3/voices', status: 200, requestId: 'req_9', maxBytes: MAX_JSON_BYTES });
    expect(error.message).toBe('GET /v3/voices sent a response body larger than 4 MiB; twin stopped reading it.');
    expect(error).toMatchObject({ code: 'response_too_large', status: 200, endpoint: 'GET /v3/voices', requestId: 'req_9' });
    expect(error.suggestion).toBe(
      'The API answered far more than any documented response; check HEYGEN_API_BASE points at the HeyGen API (request id req_9 for support).',
    );
    const plain = tooLarge({ endpoint: 'E', status: 500, maxBytes: 1024 * 1024 });
    expect(plain.message).toBe('E sent a response body larger than 1 MiB; twin stopped reading it.');
    expect(plain.suggestion).toBe(
      'The API answered far more than any documented response; check HEYGEN_API_BASE points at the HeyGen API.',
    );
    expect(tooLarge({ endpoint: 'E', status: 200, maxBytes: 0 }).message).toBe(
      'E sent a response body larger than 0 bytes; twin stopped reading it.',
    );
    const sizes = [2048, 1024, 1536, 1023, 3 * 1024 * 1024 + 1024, 1024 * 1024 + 1];
    expect(sizes.map((maxBytes) => tooLarge({ endpoint: 'E', status: 200, maxBytes }).message.split('larger than ')[1])).toEqual([
      '2 KiB; twin stopped reading it.',
      '1 KiB; twin stopped reading it.',
      '1536 bytes; twin stopped reading it.',
      '1023 bytes; twin stopped reading it.',
      '3073 KiB; twin stopped reading it.',
      '1048577 bytes; twin stopped reading it.',
    ]);
  });
});
