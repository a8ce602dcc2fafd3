// The PUT of a direct upload (contract §8): the raw bytes to the presigned `upload_url`, with
// `upload_headers` exactly as given plus Content-Length, and never the API key: the upload host is
// not HeyGen's API and the URL's signature is the only credential. A dropped connection or a 5xx is
// retried from the first byte (the URL stays valid); an expired URL is reported as such, so the
// caller can ask for a new one.
import { Readable } from 'node:stream';
import { ApiError, InterruptedError, isTwinError } from '../shared/errors.js';
import { readCapped } from './body-cap.js';
import { networkError } from './network-errors.js';
import { Agent, destroyQuietly, type Dispatcher } from './undici.js';

interface PutOptions {
  /** `upload_headers` of the direct upload, sent verbatim. */
  headers: Record<string, string>;
  size: number;
  /** A fresh stream of the file's bytes for each attempt. */
  open: () => AsyncIterable<Uint8Array>;
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  maxRetries?: number;
  /** Longest silence while sending or waiting for the answer (default UPLOAD_IDLE_MS). */
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

/** Longest silence while sending: a host that takes no bytes this long is given up on. */
const UPLOAD_IDLE_MS = 20_000;
/** The whole answer (S3 sends nothing, or a short XML error) must arrive within this. */
const ANSWER_DEADLINE_MS = 20_000;
/** undici's own timers run this much longer than the watchdog's, so the watchdog decides. */
const UNDICI_SLACK_MS = 5_000;
const ANSWER_MAX_BYTES = 64 * 1024;

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
  if (error.code === 'upload_stalled' || error.code === 'upload_answer_too_large') return false;
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
  const idle = opts.idleTimeoutMs ?? UPLOAD_IDLE_MS;
  // Our own watchdog: undici bounds the wait for the answer, not a host that stops taking our
  // bytes (the write just blocks), nor an answer that never ends.
  const watchdog = new AbortController();
  let stalled: { phase: 'sending' | 'answer'; ms: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = (phase: 'sending' | 'answer', ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = { phase, ms };
      watchdog.abort();
    }, ms);
  };
  const signal = opts.signal ? AbortSignal.any([opts.signal, watchdog.signal]) : watchdog.signal;
  let sent = 0;
  let sourceError: unknown;
  const counted = async function* () {
    arm('sending', idle);
    try {
      for await (const chunk of opts.open()) {
        sent += chunk.length;
        opts.onProgress?.(sent);
        arm('sending', idle);
        yield chunk;
      }
    } catch (error) {
      sourceError = error;
      throw error;
    }
    // All sent: the wait for the answer's headers is bounded the same way.
    arm('answer', idle);
  };
  try {
    const res = await dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'PUT',
      headers,
      body: Readable.from(counted()),
      signal,
      // A backstop only: the watchdog above must fire first, or a stalled host would read as a
      // network error (retried) instead of a stall (not retried).
      headersTimeout: idle + UNDICI_SLACK_MS,
      bodyTimeout: idle + UNDICI_SLACK_MS,
    });
    // An S3 answer is empty or a short XML error: capped in size, and it must end in time.
    arm('answer', ANSWER_DEADLINE_MS);
    const text = await readCapped(res.body, res.headers['content-length'], ANSWER_MAX_BYTES);
    clearTimeout(timer);
    if (text === undefined)
      return new ApiError(
        `The upload host answered ${res.statusCode} with a body larger than ${ANSWER_MAX_BYTES / 1024} KiB; twin stopped reading it and does not count the file as uploaded.`,
        {
          status: res.statusCode,
          code: 'upload_answer_too_large',
          endpoint,
          suggestion: 'The upload host is misbehaving; run the upload again later, and report it with --debug output if it persists.',
        },
      );
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
    // The file itself failed (changed while it was sent, unreadable): that error, not the host's.
    if (sourceError !== undefined && isTwinError(sourceError)) throw sourceError;
    if (stalled) return stallError(stalled.phase, stalled.ms, sent, opts.size, endpoint);
    return networkError(error, { endpoint, baseUrl: target.origin, timedOut: false, timeoutMs: idle }).error;
  } finally {
    clearTimeout(timer);
  }
}

/** Not retried: a host that took nothing for this long is not worth another long wait. */
function stallError(phase: 'sending' | 'answer', ms: number, sent: number, size: number, endpoint: string): ApiError {
  const seconds = Math.round(ms / 1000);
  const what =
    phase === 'sending'
      ? `The upload host stopped reading the file: it took no bytes for ${seconds} s (${sent} of ${size} bytes sent)`
      : `The upload host sent its answer for more than ${seconds} s without finishing it`;
  return new ApiError(`${what}; twin gave up on this upload.`, {
    code: 'upload_stalled',
    endpoint,
    suggestion: 'Run the upload again; if it keeps stalling, check your network or proxy, and report it with --debug output.',
  });
}
