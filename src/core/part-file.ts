// The .part file of a download: appended to with synchronous writes, hashed as it grows, and
// re-hashed from disk when a download resumes one left by an earlier run.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, writevSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ExitCode, TwinError } from '../errors.js';

const WRITE_BUFFER = 4 * 1024 * 1024;

/** Hash and length of what is on disk in the .part file. */
export interface PartState {
  hash: Hash;
  bytes: number;
}

/**
 * A writer that appends to the file and hashes each chunk once it is written. Writes are
 * synchronous: they land in the page cache in microseconds, and skipping the thread-pool round
 * trip per chunk is most of what separates a Node download from curl's speed.
 */
export function hashingWriter(fd: number, path: string, state: PartState, onBytes: (bytes: number) => void): Writable {
  const writeAll = (chunks: Buffer[], cb: (error?: Error | null) => void) => {
    try {
      writevSync(fd, chunks);
    } catch (error) {
      return cb(fileError(error, path));
    }
    for (const chunk of chunks) {
      state.hash.update(chunk);
      state.bytes += chunk.length;
    }
    onBytes(state.bytes);
    collectNow(chunks);
    cb();
  };
  return new Writable({
    highWaterMark: WRITE_BUFFER,
    write: (chunk: Buffer, _enc, cb) => writeAll([chunk], cb),
    writev: (entries, cb) => writeAll(entries.map((e) => e.chunk as Buffer), cb),
  });
}

/**
 * Every socket read allocates a fresh buffer. At hundreds of MB/s, V8 frees them only after tens
 * of MB have piled up, so the peak memory of a download would grow with the line speed. A
 * young-generation collection every 8 MiB (well under a millisecond each) keeps it flat. V8
 * only hands out its collector to new contexts, hence the vm detour; without it, no harm done.
 */
const COLLECT_EVERY = 8 * 1024 * 1024;
let collector: ((options: { type: 'minor' }) => void) | null | undefined;
let sinceCollect = 0;
function collectNow(chunks: Buffer[]): void {
  for (const chunk of chunks) sinceCollect += chunk.length;
  if (sinceCollect < COLLECT_EVERY) return;
  sinceCollect = 0;
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collector = typeof gc === 'function' ? (gc as (options: { type: 'minor' }) => void) : null;
    } catch {
      collector = null;
    }
  }
  collector?.({ type: 'minor' });
}

/** The hash of the .part's first `bytes`, reused when it still describes the file. */
export async function hashPart(path: string, bytes: number): Promise<PartState> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    read += chunk.length;
  }
  return { hash, bytes: read };
}

export function checksumMatches(headerValue: string, sha256: Buffer): boolean {
  const expected = Buffer.from(headerValue.trim(), 'base64');
  // A composite checksum of a multipart upload ("…-3") is not a hash of the whole file: skip it.
  if (expected.length !== 32) return true;
  return expected.equals(sha256);
}

export function fileError(error: unknown, path: string): TwinError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
  };
  return new TwinError(`Cannot write ${path}: ${why[code ?? ''] ?? (error as Error)?.message ?? String(error)}.`, {
    code: 'file_error',
    exitCode: ExitCode.api,
    suggestion: 'Free some space or choose another path with -o.',
    details: { file: path, ...(code ? { cause_code: code } : {}) },
    cause: error,
  });
}

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}


/**
 * The ETag of the object a .part was cut from, kept beside it (`<file>.part.etag`) so a later
 * run resumes with `If-Range` and cannot stitch the start of one file to the end of another
 * (two videos saved to the same -o path, or a file replaced at the source).
 */
export async function readPartTag(part: string): Promise<string | undefined> {
  try {
    return (await readFile(`${part}.etag`, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function writePartTag(part: string, etag: string | undefined): Promise<void> {
  if (etag === undefined) await rm(`${part}.etag`, { force: true });
  else await writeFile(`${part}.etag`, `${etag}\n`).catch(() => {}); // best effort: resuming works without it
}
