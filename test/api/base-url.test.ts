// Where the key goes: the base URL's every refusal, with its words, and what counts as this
// machine (issue 27: the mutants of api/base-url.ts that no test saw).
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeBaseUrl, resolveBaseUrl } from '../../src/api/base-url.js';
import { UsageError } from '../../src/shared/errors.js';

function refusal(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a refusal');
}

describe('normalizeBaseUrl', () => {
  it('keeps the path, strips every trailing slash, and ignores a blank variable', () => {
    expect(normalizeBaseUrl('https://proxy.example/a/b///')).toBe('https://proxy.example/a/b');
    expect(resolveBaseUrl({ HEYGEN_API_BASE: '   ' })).toBe('https://api.heygen.com');
    expect(resolveBaseUrl({ HEYGEN_API_BASE: ' https://x.example/ ' })).toBe('https://x.example');
  });

  it('says why, in the words of the variable it came from', () => {
    const env = (url: string) => refusal(() => resolveBaseUrl({ HEYGEN_API_BASE: url }));
    expect(env('https://u:p@x.example').message).toBe('HEYGEN_API_BASE must not contain a user name or password.');
    expect(env('https://u@x.example').message).toBe('HEYGEN_API_BASE must not contain a user name or password.');
    expect(env('https://x.example/?a=1').message).toBe('HEYGEN_API_BASE must not contain a query string or fragment.');
    expect(env('https://x.example/#top').message).toBe('HEYGEN_API_BASE must not contain a query string or fragment.');
    expect(env('http://x.example').message).toBe(
      'HEYGEN_API_BASE uses plain http to x.example; http is allowed only to this machine (localhost, 127.0.0.0/8, ::1).',
    );
    expect(env('ftp://localhost').message).toBe('HEYGEN_API_BASE must be an https:// URL, not ftp://.');
    expect(env('nope').message).toBe('HEYGEN_API_BASE is not a valid URL: "nope".');
    const long = env(`x${'y'.repeat(100)}`);
    expect(long.message).toBe(`HEYGEN_API_BASE is not a valid URL: "x${'y'.repeat(76)}...".`);
    expect(long).toMatchObject({
      code: 'invalid_base_url',
      suggestion: 'Set HEYGEN_API_BASE to an https:// URL (e.g. https://api.heygen.com), or unset it.',
      details: { env: 'HEYGEN_API_BASE' },
    });
    expect(env(`x${'y'.repeat(79)}`).message).toBe(`HEYGEN_API_BASE is not a valid URL: "x${'y'.repeat(79)}".`);
  });

  it('a flag is named as the flag, with its own suggestion', () => {
    const error = refusal(() => normalizeBaseUrl('http://10.0.0.1', '--base'));
    expect(error.message).toMatch(/^--base uses plain http to 10\.0\.0\.1;/);
    expect(error).toMatchObject({ code: 'invalid_base_url', suggestion: 'Pass an https:// URL, e.g. --base https://api.heygen.com.' });
    expect(error.details).toEqual({ flag: '--base' });
  });
});

describe('isLoopbackHost', () => {
  it('is localhost (any case, a trailing dot, *.localhost), ::1 and 127.0.0.0/8 only', () => {
    for (const host of ['LOCALHOST', 'localhost.', 'app.localhost', '::1', '[::1]', '127.255.255.255', '127.0.0.1.']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['127.256.0.1', '127.0.0.1000', 'x127.0.0.1', '127.0.0', 'mylocalhost', '::2', '10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
