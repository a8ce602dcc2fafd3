// One HTTP request of a download, on undici's dispatch API: each chunk of the body, as undici
// hands it over (a view of the socket read, no stream or copy in between), is hashed and
// written synchronously at its offset in the .part. Nothing is buffered, so memory stays flat
// whatever the size, and nothing is read back. Decides what the response means (resume, start
// again, link expired, retry later) without throwing for anything a retry may cure.
import type { Dispatcher } from '../../api/undici.js';
import { ApiError } from '../../shared/errors.js';
import { describeNetworkError, formatBytes, GAVE_UP_CODE, resumeAdvice, type StopContext } from './errors.js';
import type { PartFile } from './part-file.js';
import type { PartHash } from './part-hash.js';

const CHECKSUM_HEADER = 'x-amz-checksum-sha256';

export type Attempt =
  /** The response ended normally; `total` is the length it announced, if any. */
  | { kind: 'complete'; total: number | undefined; checksum?: string; received: number }
  | { kind: 'retry'; reason: string; delayMs?: number; restart?: boolean; received: number; total?: number }
  | { kind: 'expired'; status: number; received: 0 };

interface Receive extends StopContext {
  url: string;
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  stallMs: number;
  file: PartFile;
  /** Holds bytes [0, hash.hashed) of the file, which is also where this request resumes. */
  hash: PartHash;
  /** The ETag the .part was cut from: sent as If-Range. */
  etag?: string;
  expectedBytes?: number;
  /** A body longer than this is refused at once (a host whose body never ends). */
  maxBytes?: number;
  /** Headers arrived: `restart` when the body starts at byte 0 (the .part was emptied). */
  onBody(info: { restart: boolean; etag: string | undefined }): void;
  onProgress?: (received: number, total: number | undefined) => void;
}

/** Marks a body over its cap (in `details`): the download stops for good and its .part is deleted. */
export const TOO_LARGE_DETAIL = 'max_bytes';

function tooLarge(max: number): ApiError {
  return new ApiError(`The file host sent more than ${formatBytes(max)}, more than this file can be; the download was stopped.`, {
    code: GAVE_UP_CODE,
    details: { [TOO_LARGE_DETAIL]: max },
    suggestion: 'Try again; if it keeps happening the file host is misbehaving.',
  });
}

/** Resolves with what the attempt achieved; rejects only for what no retry can cure. */
export function receive(job: Receive): Promise<Attempt> {
  const offset = job.hash.hashed;
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    // If the object changed since our first response, the server sends it whole (200) instead.
    if (job.etag) headers['if-range'] = job.etag;
  }
  const { origin, pathname, search } = new URL(job.url);
  return new Promise<Attempt>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let writing = false;
    let received = 0;
    let total: number | undefined;
    let checksum: string | undefined;
    const finish = (outcome: Attempt | Error) => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    /** Ends the request early with this outcome (the socket is closed, not drained). */
    const stop = (outcome: Attempt | Error) => {
      finish(outcome);
      controller?.abort(outcome instanceof Error ? outcome : new Error('download attempt stopped'));
    };
    const retry = (reason: string, more: { delayMs?: number; restart?: boolean } = {}): Attempt => ({
      kind: 'retry',
      reason,
      received,
      total,
      ...more,
    });
    const onAbort = () => stop(job.signal?.reason instanceof Error ? job.signal.reason : new Error('aborted'));
    if (job.signal?.aborted) return onAbort();
    job.signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (settled) c.abort(new Error('download attempt stopped'));
      },
      onResponseStart(c, status, responseHeaders) {
        if (settled) return;
        const header = (name: string) => first(responseHeaders[name]);
        // Small error bodies are left to drain (the connection is reused); outcomes settle at the end.
        if (status === 403 || status === 404 || status === 410) return stop({ kind: 'expired', status, received: 0 });
        // Our .part is longer than the object: it cannot be a prefix of it. Start again.
        if (status === 416) return stop(retry('the server refused the resume range (416)', { restart: true }));
        if (status === 429 || status >= 500) {
          const after = Number(header('retry-after'));
          return stop(
            retry(`the server answered ${status}`, {
              delayMs: Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : undefined,
            }),
          );
        }
        if (status !== 200 && status !== 206) {
          return stop(new ApiError(`The download answered HTTP ${status}.`, { status, code: GAVE_UP_CODE, suggestion: resumeAdvice(job) }));
        }
        if (status === 206) {
          const range = parseContentRange(header('content-range'));
          if (!range || range.start !== offset) return stop(retry('the server sent a different range than asked for', { restart: true }));
          total = range.total;
        } else {
          // A 200 to a Range request means the server ignored it: the whole file comes again.
          const length = header('content-length');
          total = length !== undefined && /^\d+$/.test(length.trim()) ? Number(length) : undefined;
        }
        total ??= job.expectedBytes;
        if (job.maxBytes !== undefined && total !== undefined && total > job.maxBytes) return stop(tooLarge(job.maxBytes));
        checksum = header(CHECKSUM_HEADER);
        try {
          if (status === 200) {
            // Only when there is something to drop: on ext4, truncating a file to 0 makes its
            // close wait for the data to be written out (auto_da_alloc), ~0.5 s per GiB.
            if (job.hash.hashed > 0 || job.file.size() > 0) job.file.truncate(0);
            job.hash.reset();
          }
          job.onBody({ restart: status === 200, etag: header('etag') });
        } catch (error) {
          return stop(error as Error);
        }
        writing = true;
        job.onProgress?.(job.hash.hashed, total);
      },
      onResponseData(c, chunk) {
        if (settled || !writing) return;
        const at = job.hash.hashed;
        if (job.maxBytes !== undefined && at + chunk.length > job.maxBytes) return stop(tooLarge(job.maxBytes));
        if (total !== undefined && at + chunk.length > total) {
          return stop(retry(`received ${at + chunk.length - total} bytes more than announced`, { restart: true }));
        }
        try {
          job.file.write(chunk, at);
        } catch (error) {
          return stop(error as Error);
        }
        job.hash.update(chunk);
        received += chunk.length;
        job.onProgress?.(at + chunk.length, total);
      },
      onResponseEnd() {
        finish(writing ? { kind: 'complete', total, checksum, received } : retry('the response had no body'));
      },
      onResponseError(c, error) {
        finish(retry(describeNetworkError(error, job.stallMs)));
      },
    };
    try {
      job.dispatcher.dispatch(
        { origin, path: `${pathname}${search}`, method: 'GET', headers, headersTimeout: job.stallMs, bodyTimeout: job.stallMs },
        handler,
      );
    } catch (error) {
      finish(retry(describeNetworkError(error, job.stallMs)));
    }
  });
}

function parseContentRange(value: string | undefined): { start: number; end: number; total: number | undefined } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
