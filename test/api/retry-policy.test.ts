// Pure retry/backoff/base-url rules: the parts that need no server.
import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../src/api/retry.js';
import { isLoopbackHost, resolveBaseUrl } from '../../src/api/base-url.js';
import { flagForParam, textSnippet } from '../../src/api/errors.js';
import { UsageError } from '../../src/shared/errors.js';

const policy = DEFAULT_RETRY_POLICY;
const fresh = { retries: 0, inProgressWaitedMs: 0, inProgressWaits: 0 };
const mid = () => 0.5; // no jitter

describe('backoffDelay', () => {
  it('doubles from 500 ms and caps at 30 s', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, policy, mid))).toEqual([500, 1000, 2000, 4000, 30_000]);
  });
  it('applies at most ±25 % jitter', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(375);
    expect(backoffDelay(0, policy, () => 1)).toBe(625);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, clamped', () => {
    expect(parseRetryAfter('2', 60_000)).toBe(2000);
    expect(parseRetryAfter('3600', 60_000)).toBe(60_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', 60_000, now)).toBe(7000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', 60_000, now)).toBe(0);
    expect(parseRetryAfter('soon', 60_000)).toBeUndefined();
    expect(parseRetryAfter(undefined, 60_000)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const decide = (failure: Parameters<typeof decideRetry>[0], state = fresh) => decideRetry(failure, state, policy, mid);

  it('retries 429 on any method, using Retry-After', () => {
    expect(decide({ method: 'PATCH', keyed: false, status: 429, retryAfterMs: 2000 })).toMatchObject({ retry: true, delayMs: 2000 });
  });
  it('retries 5xx and dropped connections only when replaying is safe', () => {
    expect(decide({ method: 'GET', keyed: false, status: 503 }).retry).toBe(true);
    expect(decide({ method: 'POST', keyed: true, status: 500 }).retry).toBe(true);
    expect(decide({ method: 'POST', keyed: false, status: 500 }).retry).toBe(false);
    expect(decide({ method: 'PATCH', keyed: false, network: 'dropped' }).retry).toBe(false);
    expect(decide({ method: 'DELETE', keyed: false, network: 'timeout' }).retry).toBe(true);
  });
  it('retries only the transient 5xx statuses', () => {
    expect([500, 502, 503, 504, 501, 505].map((status) => decide({ method: 'GET', keyed: false, status }).retry)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
  it('never retries refused connections or 4xx', () => {
    expect(decide({ method: 'GET', keyed: false, network: 'refused' }).retry).toBe(false);
    expect(decide({ method: 'GET', keyed: false, status: 404, apiCode: 'not_found' }).retry).toBe(false);
  });
  it('stops after maxRetries', () => {
    expect(decide({ method: 'GET', keyed: false, status: 500 }, { ...fresh, retries: 3 }).retry).toBe(false);
  });
  it('waits out request_in_progress on keyed requests within a time budget, not the retry count', () => {
    const inProgress = { method: 'POST', keyed: true, status: 409, apiCode: 'request_in_progress' };
    expect(decide(inProgress, { ...fresh, retries: 3 })).toMatchObject({ retry: true, kind: 'in-progress' });
    expect(decide(inProgress, { ...fresh, inProgressWaitedMs: policy.inProgressBudgetMs }).retry).toBe(false);
    expect(decide({ ...inProgress, keyed: false }).retry).toBe(false);
  });
});

describe('resolveBaseUrl', () => {
  it('defaults to the public API and strips trailing slashes', () => {
    expect(resolveBaseUrl({})).toBe('https://api.heygen.com');
    expect(resolveBaseUrl({ HEYGEN_API_BASE: 'https://proxy.example.com/heygen/' })).toBe('https://proxy.example.com/heygen');
    expect(resolveBaseUrl({ HEYGEN_API_BASE: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(resolveBaseUrl({ HEYGEN_API_BASE: 'http://[::1]:4010' })).toBe('http://[::1]:4010');
  });
  it('refuses plain http to other hosts, naming HEYGEN_API_BASE (exit 2)', () => {
    for (const url of ['http://api.heygen.com', 'http://10.0.0.1', 'ftp://localhost', 'not a url', 'https://u:p@x.com']) {
      let error: unknown;
      try {
        resolveBaseUrl({ HEYGEN_API_BASE: url });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(2);
      expect((error as UsageError).message).toContain('HEYGEN_API_BASE');
    }
  });
  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.9.8.7', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['127.0.0.1.example.com', '128.0.0.1', 'localhost.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('error text helpers', () => {
  it('turns gateway HTML into one readable line', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    expect(textSnippet(html)).toBe('502 Bad Gateway nginx');
  });
  it('maps params to the flags `twin video create` really has', () => {
    const cases: Array<[string, string]> = [
      ['voice_id', 'voice'],
      ['avatar_id', 'look'],
      ['voice_settings.speed', 'voice-speed'],
      ['aspect_ratio', 'aspect-ratio'],
      ['engine.reference_look_id', 'reference-look'],
      ['background.value', 'background'],
      ['caption.style', 'captions'],
      ['videos[3].voice_id', 'voice'], // a batch item names the item's field
      ['videos[0].engine.type', 'engine'],
      ['events[1]', 'events'],
      ['Idempotency-Key', 'idempotency-key'],
      // No flag sets these: only a JSON body can.
      ['voice_settings.engine_settings.engine_type', 'data'],
      ['voice_settings.volume', 'voice-volume'],
      ['watermark.image', 'data'],
      ['audio_asset_id', 'data'],
    ];
    expect(cases.map(([param]) => [param, flagForParam(param)])).toEqual(cases);
  });
});

// Issue 27: every rule of decideRetry and parseRetryAfter at its edges.
describe('decideRetry, exactly', () => {
  const decide = (failure: Parameters<typeof decideRetry>[0], state = fresh) => decideRetry(failure, state, policy, mid);
  const inProgress = { method: 'POST', keyed: true, status: 409, apiCode: 'request_in_progress' };

  it('waits out request_in_progress 1 s, 2 s, 4 s, then 5 s at most, or what Retry-After says', () => {
    expect([0, 1, 2, 3, 4, 9].map((inProgressWaits) => decide(inProgress, { ...fresh, inProgressWaits }))).toEqual(
      [1000, 2000, 4000, 5000, 5000, 5000].map((delayMs) => ({
        retry: true,
        delayMs,
        reason: '409 request_in_progress',
        kind: 'in-progress',
      })),
    );
    expect(decide({ ...inProgress, retryAfterMs: 7000 }, { ...fresh, inProgressWaits: 3 })).toMatchObject({ retry: true, delayMs: 7000 });
  });

  it('the in-progress budget holds a wait that ends exactly at it, not one past it', () => {
    const budget = policy.inProgressBudgetMs;
    expect(decide(inProgress, { ...fresh, inProgressWaitedMs: budget - 1000 }).retry).toBe(true);
    expect(decide(inProgress, { ...fresh, inProgressWaitedMs: budget - 999 })).toEqual({ retry: false });
  });

  it('only 409 with request_in_progress is "still running"; another 409, or that code on another status, is not', () => {
    expect(decide({ ...inProgress, apiCode: 'conflict' })).toEqual({ retry: false });
    expect(decide({ ...inProgress, status: 400 })).toEqual({ retry: false });
    expect(decide({ ...inProgress, status: 500 })).toMatchObject({ retry: true, kind: 'retry', reason: '500 request_in_progress' });
  });

  it('retries up to maxRetries and no further', () => {
    expect(decide({ method: 'GET', keyed: false, status: 503 }, { ...fresh, retries: 2 })).toEqual({
      retry: true,
      delayMs: 2000,
      reason: '503',
      kind: 'retry',
    });
    expect(decide({ method: 'GET', keyed: false, status: 429 }, { ...fresh, retries: 3 })).toEqual({ retry: false });
  });

  it('a Retry-After up to the cap is waited; past it the request stops, saying it was too long', () => {
    const cap = policy.retryAfterCapMs;
    expect(decide({ method: 'GET', keyed: false, status: 429, retryAfterMs: cap })).toMatchObject({ retry: true, delayMs: cap });
    expect(decide({ method: 'GET', keyed: false, status: 503, retryAfterMs: cap + 1 })).toEqual({ retry: false, tooLong: true });
    expect(decide({ method: 'POST', keyed: false, status: 503, retryAfterMs: 10 })).toEqual({ retry: false });
  });

  it('a 429 without Retry-After backs off; its reason names the status and the code', () => {
    expect(decide({ method: 'POST', keyed: false, status: 429, apiCode: 'rate_limit_exceeded' }, { ...fresh, retries: 1 })).toEqual({
      retry: true,
      delayMs: 1000,
      reason: '429 rate_limit_exceeded',
      kind: 'retry',
    });
    expect(decide({ method: 'GET', keyed: false, status: 502, retryAfterMs: 3000 })).toEqual({
      retry: true,
      delayMs: 3000,
      reason: '502',
      kind: 'retry',
    });
  });

  it('a write that sets absolute values (repeatable) is replayed like a read; a HEAD, OPTIONS or PUT too', () => {
    expect(decide({ method: 'PATCH', keyed: false, repeatable: true, status: 500 }).retry).toBe(true);
    expect(decide({ method: 'PATCH', keyed: false, repeatable: false, status: 500 }).retry).toBe(false);
    expect(decide({ method: 'PATCH', keyed: false, repeatable: true, network: 'dropped' })).toEqual({
      retry: true,
      delayMs: 500,
      reason: 'dropped',
      kind: 'retry',
    });
    for (const method of ['HEAD', 'OPTIONS', 'PUT']) expect(decide({ method, keyed: false, status: 502 }).retry, method).toBe(true);
  });

  it('an unreadable 2xx is asked for again only with a key', () => {
    expect(decide({ method: 'POST', keyed: true, status: 200, unreadable: true }, { ...fresh, retries: 2 })).toEqual({
      retry: true,
      delayMs: 2000,
      reason: 'an unreadable 2xx body',
      kind: 'retry',
    });
    expect(decide({ method: 'GET', keyed: false, status: 200, unreadable: true })).toEqual({ retry: false });
    expect(decide({ method: 'POST', keyed: true, status: 200, unreadable: false })).toEqual({ retry: false });
  });

  it('a timeout is retried where replaying is safe; dns and other failures never', () => {
    expect(decide({ method: 'GET', keyed: false, network: 'timeout' }, { ...fresh, retries: 1 })).toEqual({
      retry: true,
      delayMs: 1000,
      reason: 'timeout',
      kind: 'retry',
    });
    expect(decide({ method: 'GET', keyed: false, network: 'dns' })).toEqual({ retry: false });
    expect(decide({ method: 'POST', keyed: true, network: 'other' })).toEqual({ retry: false });
    expect(decide({ method: 'GET', keyed: false })).toEqual({ retry: false });
  });
});

describe('parseRetryAfter, exactly', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('takes the first of repeated headers, trimmed, whole or fractional seconds', () => {
    expect(parseRetryAfter(['3', '9'], 60_000)).toBe(3000);
    expect(parseRetryAfter('  4 ', 60_000)).toBe(4000);
    expect(parseRetryAfter('1.5', 60_000)).toBe(1500);
    expect(parseRetryAfter('1.25', 60_000)).toBe(1250);
    expect(parseRetryAfter('0.0004', 60_000)).toBe(0);
    expect(parseRetryAfter('0', 60_000)).toBe(0);
    expect(parseRetryAfter('60', 60_000)).toBe(60_000);
  });
  it('nothing usable is undefined (blank, junk after the number); what is no number is read as a date', () => {
    for (const value of ['', '   ', [], ['']]) expect(parseRetryAfter(value as string | string[], 60_000)).toBeUndefined();
    expect(parseRetryAfter('5s', 60_000, now)).toBeUndefined();
    expect(parseRetryAfter('x5', 60_000, now)).toBeUndefined();
    // V8 reads "-5" and "1." as dates in 2001: long past, so no wait (never a negative one).
    expect(parseRetryAfter('-5', 60_000, now)).toBe(0);
    expect(parseRetryAfter('1.', 60_000, now)).toBe(0);
  });
  it('an HTTP date counts from now, rounded, clamped to the cap', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', 60_000, now - 0.4)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:05:00 GMT', 60_000, now)).toBe(60_000);
  });
});
