// Resumable, verified downloads with no terminal code. Bytes stream into `<target>.part` with
// constant memory: each chunk of the undici body is written synchronously as it arrives, with
// no stream pipeline in between. The SHA-256 is computed by reading the .part back while it
// grows (on a second thread for big files, see part-hash.ts). Only a complete file whose length
// and checksum match is renamed onto the target, so the target path never holds a partial
// file. A dropped or stalled connection continues with a Range request; a presigned URL that
// expired (403/404) is exchanged for a fresh one through `refreshUrl`.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, interceptors, type Dispatcher } from '../api/undici.js';
import { ApiError, ClientCode, InterruptedError, TwinError, UsageError } from '../errors.js';
import { appendBody, checksumMatches, exists, fileError, fileSize, readPartTag, writePartTag } from './part-file.js';
import { partHasher, type PartHasher } from './part-hash.js';

export interface DownloadRequest {
  url: string;
  target: string;
  /** Replace an existing file at target (atomically, once the new one is complete). */
  force?: boolean;
  /** A fresh URL when the current one answers 403/404 (a presigned link that expired). */
  refreshUrl?: () => Promise<string>;
  /** Used when the server sends no length. */
  expectedBytes?: number;
  signal?: AbortSignal;
  /** No bytes for this long counts as a stalled connection. Default 30 s. */
  stallMs?: number;
  /** Failed attempts in a row that made no progress before giving up. Default 5. */
  maxRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress?: (received: number, total: number | undefined) => void;
  /** The command that resumes this download, for error messages, e.g. `twin video download <id>`. */
  resumeHint?: string;
  dispatcher?: Dispatcher;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Bytes already on disk (a .part from an earlier run) when this call started. */
  resumedFrom: number;
  retries: number;
  refreshedUrl: boolean;
}

export const CHECKSUM_HEADER = 'x-amz-checksum-sha256';
const DEFAULT_STALL_MS = 30_000;
const DEFAULT_MAX_RETRIES = 5;
const MAX_REFRESHES = 3;
/** How often the hasher is told how far the .part has grown. */
const HASH_STEP = 4 * 1024 * 1024;

type Attempt =
  | { kind: 'done'; sha256: string; bytes: number }
  | { kind: 'retry'; reason: string; progressed: boolean; delayMs?: number; restart?: boolean }
  | { kind: 'expired'; status: number };

interface Job {
  req: DownloadRequest;
  part: string;
  stallMs: number;
  dispatcher: Dispatcher;
  /** Hashes the .part as it grows; kept between attempts that append to it. */
  hasher?: PartHasher;
  etag?: string;
  /** The .part was built from more than one response, so a checksum mismatch may be ours. */
  stitched: boolean;
}

let sharedDispatcher: Dispatcher | undefined;
function defaultDispatcher(): Dispatcher {
  // Asset hosts may redirect (CDN); keep-alive helps when captions and thumbnail follow the video.
  return (sharedDispatcher ??= new Agent({ connect: { timeout: 15_000 } }).compose(interceptors.redirect({ maxRedirections: 5 })));
}

export async function downloadFile(req: DownloadRequest): Promise<DownloadResult> {
  const target = resolve(req.target);
  const part = `${target}.part`;
  if (!req.force && (await exists(target))) {
    throw new UsageError(`${target} already exists.`, {
      flag: 'force',
      suggestion: 'Pass --force to replace it, or -o to save somewhere else.',
    });
  }
  await mkdir(dirname(target), { recursive: true }).catch((error: unknown) => {
    throw fileError(error, dirname(target));
  });
  const job: Job = {
    req,
    part,
    stallMs: req.stallMs ?? DEFAULT_STALL_MS,
    dispatcher: req.dispatcher ?? defaultDispatcher(),
    stitched: false,
    etag: await readPartTag(part),
  };
  const sleep = req.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const maxRetries = req.maxRetries ?? DEFAULT_MAX_RETRIES;
  const resumedFrom = await fileSize(part);
  let url = req.url;
  let retries = 0;
  let failuresInRow = 0;
  let refreshes = 0;
  let refreshedUrl = false;

  try {
    for (;;) {
      checkAbort(job);
      let outcome: Attempt;
      try {
        outcome = await attempt(job, url);
      } catch (error) {
        if (req.signal?.aborted) throw await interrupted(job);
        throw error;
      }
      if (outcome.kind === 'done') {
        await rename(part, target).catch((error: unknown) => {
          throw fileError(error, target);
        });
        await writePartTag(part, undefined);
        return { path: target, bytes: outcome.bytes, sha256: outcome.sha256, resumedFrom, retries, refreshedUrl };
      }
      if (outcome.kind === 'expired') {
        if (!req.refreshUrl || refreshes >= MAX_REFRESHES) {
          throw await gaveUp(job, `the download link answered ${outcome.status} (expired or revoked)`, retries);
        }
        refreshes += 1;
        refreshedUrl = true;
        url = await req.refreshUrl();
        continue;
      }
      retries += 1;
      failuresInRow = outcome.progressed ? 0 : failuresInRow + 1;
      if (outcome.progressed) refreshes = 0;
      if (outcome.restart) await discardPart(job);
      if (failuresInRow > maxRetries) throw await gaveUp(job, outcome.reason, retries);
      const backoff = Math.min(500 * 2 ** Math.max(0, failuresInRow - 1), 10_000);
      try {
        await sleep(outcome.delayMs ?? (outcome.progressed ? 0 : backoff), req.signal);
      } catch (error) {
        if (req.signal?.aborted) throw await interrupted(job);
        throw error;
      }
    }
  } finally {
    await job.hasher?.close();
  }
}

/** One HTTP request: resume from the .part, stream the body, verify. */
async function attempt(job: Job, url: string): Promise<Attempt> {
  const offset = await fileSize(job.part);
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    // If the object changed since our first response, the server sends it whole (200) instead.
    if (job.etag) headers['if-range'] = job.etag;
  }
  let response: Dispatcher.ResponseData;
  try {
    const { origin, pathname, search } = new URL(url);
    response = await job.dispatcher.request({
      origin,
      path: `${pathname}${search}`,
      method: 'GET',
      headers,
      signal: job.req.signal,
      headersTimeout: job.stallMs,
      bodyTimeout: job.stallMs,
    });
  } catch (error) {
    if (job.req.signal?.aborted) throw error;
    return { kind: 'retry', reason: describeNetworkError(error, job.stallMs), progressed: false };
  }
  const { statusCode: status } = response;
  if (status === 403 || status === 404 || status === 410) {
    await response.body.dump();
    return { kind: 'expired', status };
  }
  if (status === 416) {
    // Our .part is longer than the object: it cannot be a prefix of it. Start again.
    await response.body.dump();
    return { kind: 'retry', reason: 'the server refused the resume range (416)', progressed: false, restart: true };
  }
  if (status === 429 || status >= 500) {
    await response.body.dump();
    const after = Number(header(response.headers, 'retry-after'));
    return { kind: 'retry', reason: `the server answered ${status}`, progressed: false, delayMs: Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : undefined };
  }
  if (status !== 200 && status !== 206) {
    await response.body.dump();
    throw new ApiError(`The download answered HTTP ${status}.`, { status, code: ClientCode.fileDownloadFailed, suggestion: resumeAdvice(job) });
  }

  let start = 0;
  let total: number | undefined;
  if (status === 206) {
    const range = parseContentRange(header(response.headers, 'content-range'));
    if (!range || range.start !== offset) {
      await response.body.dump();
      return { kind: 'retry', reason: 'the server sent a different range than asked for', progressed: false, restart: true };
    }
    start = offset;
    total = range.total;
    job.stitched ||= offset > 0;
  } else {
    // A 200 to a Range request means the server ignored it: the whole file comes again.
    const length = Number(header(response.headers, 'content-length'));
    total = Number.isFinite(length) && header(response.headers, 'content-length') !== undefined ? length : undefined;
  }
  total ??= job.req.expectedBytes;
  const etag = header(response.headers, 'etag');
  if (etag !== job.etag) await writePartTag(job.part, etag);
  job.etag = etag;
  const checksum = header(response.headers, CHECKSUM_HEADER);

  if (start === 0) {
    // A whole response: whatever the .part held is overwritten, so its hash no longer applies.
    await job.hasher?.close();
    job.hasher = undefined;
    job.stitched = false;
  }
  let hasher: PartHasher;
  try {
    if (start === 0) await writeFile(job.part, '');
    // A .part left by an earlier run is hashed from its first byte while the rest arrives.
    hasher = job.hasher ??= partHasher(job.part, total);
  } catch (error) {
    throw fileError(error, job.part);
  }
  let told = start;
  const { bytes: received, error: streamError } = await appendBody(job.part, start, response.body, (bytes) => {
    if (bytes - told >= HASH_STEP) hasher.advance((told = bytes));
    job.req.onProgress?.(bytes, total);
  });
  const progressed = received > start;
  if (streamError !== undefined) {
    if (streamError instanceof TwinError) throw streamError;
    if (job.req.signal?.aborted) throw streamError;
    return { kind: 'retry', reason: describeNetworkError(streamError, job.stallMs), progressed };
  }
  if (total !== undefined && received < total) {
    return { kind: 'retry', reason: `the connection closed at ${formatBytes(received)} of ${formatBytes(total)}`, progressed };
  }
  if (total !== undefined && received > total) {
    return { kind: 'retry', reason: `received ${received - total} bytes more than announced`, progressed: false, restart: true };
  }
  job.hasher = undefined;
  const sha256 = await hasher.finish(received).catch((error: unknown) => {
    throw fileError(error, job.part);
  });
  if (checksum !== undefined && !checksumMatches(checksum, sha256)) {
    if (job.stitched) {
      return { kind: 'retry', reason: 'the checksum did not match after a resume', progressed: false, restart: true };
    }
    await discardPart(job);
    throw new ApiError(`The downloaded file does not match the server's SHA-256 checksum; it was deleted.`, {
      code: 'checksum_mismatch',
      suggestion: `Try again; if it keeps failing the file at HeyGen may be damaged. ${resumeAdvice(job)}`,
    });
  }
  // No fsync, as curl and wget: the rename only ever follows the last write, which is what
  // protects against an interrupted process; flushing to the platters would add about a
  // second per GiB and only matters on power loss.
  return { kind: 'done', sha256: sha256.toString('hex'), bytes: received };
}

async function discardPart(job: Job): Promise<void> {
  await job.hasher?.close();
  job.hasher = undefined;
  job.etag = undefined;
  job.stitched = false;
  await rm(job.part, { force: true });
  await writePartTag(job.part, undefined);
}

export function parseContentRange(value: string | undefined): { start: number; end: number; total: number | undefined } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

function checkAbort(job: Job): void {
  if (job.req.signal?.aborted) throw new InterruptedError('Download interrupted.', { suggestion: resumeAdvice(job) });
}

async function interrupted(job: Job): Promise<InterruptedError> {
  const bytes = await fileSize(job.part);
  return new InterruptedError(`Download interrupted at ${formatBytes(bytes)}; the partial file ${basename(job.part)} is kept.`, {
    suggestion: resumeAdvice(job),
    details: { part: job.part, bytes_on_disk: bytes },
  });
}

async function gaveUp(job: Job, reason: string, retries: number): Promise<ApiError> {
  const bytes = await fileSize(job.part);
  return new ApiError(`Download of ${basename(job.part.slice(0, -5))} failed: ${reason}${retries ? ` (after ${retries} retries)` : ''}.`, {
    code: ClientCode.fileDownloadFailed,
    suggestion: resumeAdvice(job, bytes),
    details: { part: job.part, bytes_on_disk: bytes, retries },
  });
}

function resumeAdvice(job: Job, bytes?: number): string {
  const kept = bytes ? ` (${formatBytes(bytes)} kept in ${basename(job.part)})` : '';
  return job.req.resumeHint ? `Run \`${job.req.resumeHint}\` to resume${kept}.` : `Run the same command again to resume${kept}.`;
}

function describeNetworkError(error: unknown, stallMs: number): string {
  const code = (error as { code?: string })?.code;
  if (code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `no data for ${stallMs < 1000 ? `${stallMs} ms` : `${Math.round(stallMs / 1000)} s`} (stalled)`;
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_CLOSED' || code === 'ERR_STREAM_PREMATURE_CLOSE') return 'the connection dropped';
  if (code === 'ECONNREFUSED') return 'the file host refused the connection';
  return (error as Error)?.message ?? String(error);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
