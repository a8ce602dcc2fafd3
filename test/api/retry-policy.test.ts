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
