// The PUT of a direct upload (contract §8): the raw bytes to the presigned `upload_url`, with
// `upload_headers` exactly as given plus Content-Length, and never the API key: the upload host is
// not HeyGen's API and the URL's signature is the only credential. A dropped connection or a 5xx is
// retried from the first byte (the URL stays valid); an expired URL is reported as such, so the
// caller can ask for a new one.
import { Readable } from 'node:stream';
import { ApiError, InterruptedError } from '../shared/errors.js';
import { networkError } from './network-errors.js';
import { Agent, destroyQuietly, type Dispatcher } from './undici.js';

export interface PutOptions {
  /** `upload_headers` of the direct upload, sent verbatim. */
  headers: Record<string, string>;
  size: number;
  /** A fresh stream of the file's bytes for each attempt. */
  open: () => AsyncIterable<Uint8Array>;
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  maxRetries?: number;
  /** Longest silence while sending or waiting for the answer. */
  idleTimeoutMs?: number;
  dispatcher?: Dispatcher;
}

/** 403 "Request has expired": the caller asks for a new direct upload and tries again. */
export class UploadUrlExpiredError extends ApiError {
  override name = 'UploadUrlExpiredError';
  constructor() {
    super('The presigned upload URL expired before the file was sent.', {
      code: 'upload_url_expired',
      status: 403,
      suggestion: 'Run the upload again.',
    });
  }
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization']);

export async function putPresigned(url: string, opts: PutOptions): Promise<void> {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.headers)) {
    // The signature covers these; an API key among them would be a leak, so it never goes.
    if (!SECRET_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = String(opts.size);
  const dispatcher = opts.dispatcher ?? new Agent({ connect: { timeout: 10_000 } });
  const maxRetries = opts.maxRetries ?? 3;
  const endpoint = `PUT ${target.origin}${target.pathname}`;
  try {
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptPut(dispatcher, target, headers, opts, endpoint);
      if (outcome === 'ok') return;
      if (outcome instanceof UploadUrlExpiredError || !isRetryable(outcome) || attempt >= maxRetries) throw outcome;
      opts.onProgress?.(0);
      await opts.sleep(1000 * 2 ** attempt, opts.signal).catch(() => {
        throw new InterruptedError();
      });
    }
  } finally {
    if (!opts.dispatcher) await destroyQuietly(dispatcher);
  }
}

function isRetryable(error: ApiError): boolean {
  return error.status === undefined || error.status >= 500;
}

async function attemptPut(
  dispatcher: Dispatcher,
  target: URL,
  headers: Record<string, string>,
  opts: PutOptions,
  endpoint: string,
): Promise<'ok' | ApiError> {
  if (opts.signal?.aborted) throw new InterruptedError();
  let sent = 0;
  const counted = async function* () {
    for await (const chunk of opts.open()) {
      sent += chunk.length;
      opts.onProgress?.(sent);
      yield chunk;
    }
  };
  const idle = opts.idleTimeoutMs ?? 60_000;
  try {
    const res = await dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'PUT',
      headers,
      body: Readable.from(counted()),
      signal: opts.signal,
      headersTimeout: idle,
      bodyTimeout: idle,
    });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return 'ok';
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    if (res.statusCode === 403 && /expired/i.test(message ?? '')) return new UploadUrlExpiredError();
    return new ApiError(`The upload host refused the file: ${res.statusCode}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`, {
      status: res.statusCode,
      code: 'upload_failed',
      endpoint,
      suggestion:
        res.statusCode >= 500
          ? 'The upload host had a problem; retry later.'
          : 'Run the upload again; if it keeps failing, report it with --debug output.',
    });
  } catch (error) {
    if (opts.signal?.aborted) throw new InterruptedError();
    return networkError(error, { endpoint, baseUrl: target.origin, timedOut: false, timeoutMs: idle }).error;
  }
}
