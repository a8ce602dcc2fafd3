// Where requests go. Plain http would send the API key in clear text, so it is allowed only
// to this machine (the sandbox, a local proxy); anything else must be https.
import { UsageError } from '../shared/errors.js';

export const DEFAULT_BASE_URL = 'https://api.heygen.com';

/** HEYGEN_API_BASE or the public API, validated and without a trailing slash. */
export function resolveBaseUrl(env: Record<string, string | undefined>): string {
  const raw = env.HEYGEN_API_BASE?.trim();
  return normalizeBaseUrl(raw ? raw : DEFAULT_BASE_URL);
}

/**
 * Validates a base URL (https, or http to loopback only) and strips trailing slashes. `source`
 * names where it came from in messages: the variable, or a flag such as --base.
 */
export function normalizeBaseUrl(raw: string, source = 'HEYGEN_API_BASE'): string {
  const fail = (message: string) => baseUrlError(`${source} ${message}`, source);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail(`is not a valid URL: "${truncate(raw)}".`);
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in debug lines and error messages.
    throw fail('must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    throw fail('must not contain a query string or fragment.');
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw fail(`uses plain http to ${url.hostname}; http is allowed only to this machine (localhost, 127.0.0.0/8, ::1).`);
    }
  } else if (url.protocol !== 'https:') {
    throw fail(`must be an https:// URL, not ${url.protocol}//.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** localhost, 127.0.0.0/8 and ::1 (URL.hostname keeps IPv6 brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

function baseUrlError(message: string, source: string): UsageError {
  if (source.startsWith('--')) {
    return new UsageError(message, {
      code: 'invalid_base_url',
      flag: source,
      suggestion: `Pass an https:// URL, e.g. ${source} https://api.heygen.com.`,
    });
  }
  return new UsageError(message, {
    code: 'invalid_base_url',
    suggestion: 'Set HEYGEN_API_BASE to an https:// URL (e.g. https://api.heygen.com), or unset it.',
    details: { env: source },
  });
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
