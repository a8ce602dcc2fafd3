// Resumable, verified downloads with no terminal code. Bytes stream into `<target>.part`, which
// is locked against other writers and never opened through a link (part-file.ts); each chunk is
// hashed and written as it arrives (download-receive.ts), so memory is flat and nothing is read
// back. Only a complete file whose size equals the announced length and whose SHA-256 matches
// the server's checksum (when it sends one) is renamed onto the target, so the target path never
// holds a partial file. A dropped or stalled connection continues with a Range request; a
// presigned URL that expired (403/404) is exchanged for a fresh one through `refreshUrl`. A server
// that keeps failing without the file getting any further (e.g. one whose Content-Length lies)
// is given up on after a bounded number of attempts and bytes.
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Dispatcher } from '../../api/undici.js';
import { ApiError } from '../../shared/errors.js';
import { formatBytes, gaveUp, interrupted, resumeAdvice } from './errors.js';
import { downloadDispatcher } from './connector.js';
import { receive, TOO_LARGE_DETAIL, type Attempt } from './receive.js';
import { checkTarget, checksumMatches, PartFile, readPartTag, writePartTag } from './part-file.js';
import { PartHash } from './part-hash.js';
import { ensureDir, fileSystemError } from '../../shared/safe-fs.js';

export { formatBytes } from './errors.js';

export interface DownloadRequest {
  url: string;
  target: string;
  /** Replace an existing regular file at target (atomically, once the new one is complete). */
  force?: boolean;
  /** A fresh URL when the current one answers 403/404 (a presigned link that expired). */
  refreshUrl?: () => Promise<string>;
  /** Used when the server sends no length. */
  expectedBytes?: number;
  /** The most bytes the file can have: a longer body (or announced length) stops the download, deleting the .part. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** No bytes for this long counts as a stalled connection. Default 30 s. */
  stallMs?: number;
  /** Failed attempts in a row that got the file no further than before. Default 5. */
  maxRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onProgress?: (received: number, total: number | undefined) => void;
  /** The command that resumes this download, for error messages, e.g. `twin video download <id>`. */
  resumeHint?: string;
  dispatcher?: Dispatcher;
}

export interface DownloadResult {
  path: string;
  /** Size of the file on disk, equal to the length the server announced (when it announced one). */
  bytes: number;
  /** Hex SHA-256 of the file's bytes: a resumed .part's prefix read from disk, the rest as written. */
  sha256: string;
  /** Whether the server sent a SHA-256 checksum and it matched (false: none was sent). */
  checksumVerified: boolean;
  /** Bytes already on disk (a .part from an earlier run) when this call started. */
  resumedFrom: number;
  retries: number;
  refreshedUrl: boolean;
}

const DEFAULT_STALL_MS = 30_000;
const DEFAULT_MAX_RETRIES = 5;
const MAX_REFRESHES = 3;
/** Requests per call, however each of them got further: a run stops and can be resumed. */
const MAX_ATTEMPTS = 100;
/** Bytes received per call, as a multiple of the file's size (restarts re-send bytes). */
const MAX_BYTES_FACTOR = 4;

let sharedDispatcher: Dispatcher | undefined;

export async function downloadFile(req: DownloadRequest): Promise<DownloadResult> {
  const target = resolve(req.target);
  checkTarget(target, Boolean(req.force));
  ensureDir(dirname(target));
  const file = PartFile.open(`${target}.part`, basename(target));
  try {
    return await download(req, target, file);
  } finally {
    file.close();
  }
}

async function download(req: DownloadRequest, target: string, file: PartFile): Promise<DownloadResult> {
  const stop = { part: file.path, resumeHint: req.resumeHint };
  const sleep = req.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const maxRetries = req.maxRetries ?? DEFAULT_MAX_RETRIES;
  const stallMs = req.stallMs ?? DEFAULT_STALL_MS;
  const dispatcher = req.dispatcher ?? (sharedDispatcher ??= downloadDispatcher());
  const hash = new PartHash();
  const resumedFrom = file.size();
  let etag = readPartTag(file.path);
  /** The .part was built from more than one response, so a checksum mismatch may be ours. */
  let stitched = false;
  let url = req.url;
  let retries = 0;
  let failuresInRow = 0;
  let refreshes = 0;
  let refreshedUrl = false;
  /** The furthest the file ever got: an attempt counts as progress only beyond it. */
  let best = resumedFrom;
  let receivedTotal = 0;

  const restart = () => {
    file.truncate(0);
    hash.reset();
    etag = undefined;
    stitched = false;
    writePartTag(file.path, undefined);
  };
  const giveUp = (reason: string) => gaveUp(stop, reason, retries, file.size());
  const interruptedNow = () => interrupted(stop, file.size());

  for (let attempts = 1; ; attempts++) {
    if (req.signal?.aborted) throw interruptedNow();
    let outcome: Attempt;
    try {
      // A .part from an earlier run is hashed from disk before it is resumed.
      const onDisk = file.size();
      if (onDisk < hash.hashed)
        restart(); // shortened behind our back: start again
      else await hash.catchUp(file.descriptor, onDisk).catch((error: unknown) => Promise.reject(fileSystemError(error, file.path, 'read')));
      outcome = await receive({
        ...stop,
        url,
        dispatcher,
        signal: req.signal,
        stallMs,
        file,
        hash,
        etag,
        expectedBytes: req.expectedBytes,
        ...(req.maxBytes !== undefined ? { maxBytes: req.maxBytes } : {}),
        onProgress: req.onProgress,
        onBody: (info) => {
          if (info.restart) stitched = false;
          else stitched ||= hash.hashed > 0;
          if (info.etag !== etag) writePartTag(file.path, info.etag);
          etag = info.etag;
        },
      });
    } catch (error) {
      if (req.signal?.aborted) throw interruptedNow();
      if (error instanceof ApiError && error.details?.[TOO_LARGE_DETAIL] !== undefined) {
        file.truncate(0);
        file.remove();
        writePartTag(file.path, undefined);
      }
      throw error;
    }
    if (req.signal?.aborted) throw interruptedNow();
    receivedTotal += outcome.received;

    if (outcome.kind === 'expired') {
      if (!req.refreshUrl || refreshes >= MAX_REFRESHES) throw giveUp(`the download link answered ${outcome.status} (expired or revoked)`);
      refreshes += 1;
      refreshedUrl = true;
      url = await req.refreshUrl();
      continue;
    }
    let failure: Extract<Attempt, { kind: 'retry' }> | undefined = outcome.kind === 'retry' ? outcome : undefined;
    if (outcome.kind === 'complete') {
      const bytes = hash.hashed;
      if (outcome.total !== undefined && bytes < outcome.total) {
        failure = {
          kind: 'retry',
          reason: `the response ended at ${formatBytes(bytes)} of ${formatBytes(outcome.total)}`,
          received: 0,
          total: outcome.total,
        };
      } else if (file.size() !== bytes) {
        failure = {
          kind: 'retry',
          reason: `the file on disk is ${formatBytes(file.size())}, not the ${formatBytes(bytes)} written`,
          received: 0,
          restart: true,
        };
      } else {
        const sha256 = hash.digest();
        const checksum = outcome.checksum;
        if (checksum !== undefined && !checksumMatches(checksum, sha256)) {
          if (stitched) {
            failure = { kind: 'retry', reason: 'the checksum did not match after a resume', received: 0, restart: true };
          } else {
            file.remove();
            writePartTag(file.path, undefined);
            throw new ApiError(`The downloaded file does not match the server's SHA-256 checksum; it was deleted.`, {
              code: 'checksum_mismatch',
              suggestion: `Try again; if it keeps failing the file at HeyGen may be damaged. ${resumeAdvice(stop)}`,
            });
          }
        } else {
          // No fsync, as curl and wget: the rename only ever follows the last write, which is what
          // protects against an interrupted process; flushing to the platters would add about a
          // second per GiB and only matters on power loss.
          file.moveTo(target, Boolean(req.force));
          writePartTag(file.path, undefined);
          const verified = checksum !== undefined && Buffer.from(checksum.trim(), 'base64').length === 32;
          return { path: target, bytes, sha256: sha256.toString('hex'), checksumVerified: verified, resumedFrom, retries, refreshedUrl };
        }
      }
    }
    if (!failure) continue;

    retries += 1;
    if (failure.restart) restart();
    const progressed = hash.hashed > best;
    if (progressed) {
      best = hash.hashed;
      refreshes = 0;
    }
    failuresInRow = progressed ? 0 : failuresInRow + 1;
    if (failuresInRow > maxRetries) {
      throw giveUp(`${failure.reason}; ${failuresInRow} attempts in a row got no further than ${formatBytes(best)}`);
    }
    const size = failure.total ?? req.expectedBytes;
    if (attempts >= MAX_ATTEMPTS || (size !== undefined && receivedTotal > MAX_BYTES_FACTOR * size + 16 * 1024 * 1024)) {
      throw giveUp(`${failure.reason}; ${attempts} requests received ${formatBytes(receivedTotal)} without completing the file`);
    }
    const backoff = Math.min(500 * 2 ** Math.max(0, failuresInRow - 1), 10_000);
    try {
      await sleep(failure.delayMs ?? (progressed ? 0 : backoff), req.signal);
    } catch (error) {
      if (req.signal?.aborted) throw interruptedNow();
      throw error;
    }
  }
}
