// createClient for library users: the CLI's own client, with the base URL and key filled in
// the way the CLI fills them (HEYGEN_API_BASE, HEYGEN_API_KEY) when not given.
import { createClient as createApiClient, type ClientOptions, type HeyGenClient } from '../api/client.js';
import { normalizeBaseUrl, resolveBaseUrl } from '../api/base-url.js';
import { AuthError } from '../shared/errors.js';

export interface CreateClientOptions extends Partial<Omit<ClientOptions, 'apiKey' | 'baseUrl'>> {
  /** Default: the HEYGEN_API_KEY environment variable. */
  apiKey?: string;
  /** Default: HEYGEN_API_BASE, else https://api.heygen.com. */
  baseUrl?: string;
  /** Retries of a failed request (network, 429, 5xx); default 3. */
  maxRetries?: number;
}

/** A typed HeyGen v3 client: looks, voices, videos, webhooks; retries, timeouts, Idempotency-Keys. */
export function createClient(options: CreateClientOptions = {}): HeyGenClient {
  const apiKey = options.apiKey ?? process.env.HEYGEN_API_KEY;
  if (!apiKey) throw new AuthError('No HeyGen API key: pass { apiKey } or set HEYGEN_API_KEY.');
  const baseUrl = options.baseUrl ? normalizeBaseUrl(options.baseUrl) : resolveBaseUrl(process.env);
  const client = createApiClient({ ...options, apiKey, baseUrl });
  bases.set(client, baseUrl);
  return client;
}

/** The API base a client made here talks to (the upload cache is kept per host). */
const bases = new WeakMap<HeyGenClient, string>();
export function baseUrlOf(client: HeyGenClient): string | undefined {
  return bases.get(client);
}
