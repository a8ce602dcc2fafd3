// The SHA-256 of a .part file, computed by reading back what was written. Reading back checks
// the bytes that actually landed on disk, lets a resumed .part be hashed while the rest
// arrives, and lets the hash of a big file run on a second core: SHA-256 costs ~0.7 s of CPU
// per GiB even with the CPU's SHA instructions, as much as receiving and writing the bytes.
// The bytes are still in the page cache when they are read back: ~0.2 s per GiB, off the main thread.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface PartHasher {
  /** Whether the hashing runs on its own thread. */
  readonly thread: boolean;
  /** The file's first `bytes` are written: hash up to there (on the hashing thread, if any). */
  advance(bytes: number): void;
  /** The SHA-256 of the file's first `bytes`; closes the hasher. */
  finish(bytes: number): Promise<Buffer>;
  /** Stops without a result (the .part is discarded or the download ends). Idempotent. */
  close(): Promise<void>;
}

/** Smaller files are hashed on the main thread: starting a thread costs ~25 ms and ~10 MB. */
export const THREAD_MIN_BYTES = 16 * 1024 * 1024;
const READ_BLOCK = 1024 * 1024;

/**
 * Hashes bytes [from, to) of an open file; returns `to`. Also runs in the hashing thread as
 * source text (see WORKER_SOURCE), so it may use nothing but its parameters.
 */
function hashFileRange(read: typeof readSync, fd: number, hash: Hash, buffer: Buffer, from: number, to: number): number {
  let at = from;
  while (at < to) {
    const n = read(fd, buffer, 0, Math.min(buffer.length, to - at), at);
    if (n === 0) throw new Error(`the file ended at ${at} bytes, before ${to}`);
    hash.update(buffer.subarray(0, n));
    at += n;
  }
  return at;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const hash = require('node:crypto').createHash('sha256');
const hashFileRange = ${hashFileRange.toString()};
const buffer = Buffer.allocUnsafe(${READ_BLOCK});
let hashed = 0;
parentPort.on('message', ({ upTo, finish }) => {
  hashed = hashFileRange(readSync, workerData.fd, hash, buffer, hashed, upTo);
  if (finish) parentPort.postMessage(hash.digest());
});
`;

/** At most one hashing thread per process (concurrent downloads in a batch hash inline). */
let threadInUse = false;

/**
 * A hasher for the file at `path` (which must exist). `expectedBytes` picks where it runs: a
 * thread for big files while one is free, else the main thread.
 */
export function partHasher(path: string, expectedBytes: number | undefined): PartHasher {
  // The main thread owns the descriptor (the thread only reads through it), so it is closed
  // however the thread ends; a file still open could not be renamed or deleted on Windows.
  const fd = openSync(path, 'r');
  if (!threadInUse && expectedBytes !== undefined && expectedBytes >= THREAD_MIN_BYTES) {
    threadInUse = true;
    try {
      return threadHasher(fd);
    } catch {
      threadInUse = false; // no thread to be had: hash inline
    }
  }
  return inlineHasher(fd);
}

function inlineHasher(fd: number): PartHasher {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(READ_BLOCK);
  let hashed = 0;
  let open = true;
  const close = async () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    thread: false,
    advance(bytes) {
      hashed = hashFileRange(readSync, fd, hash, buffer, hashed, bytes);
    },
    async finish(bytes) {
      try {
        hashed = hashFileRange(readSync, fd, hash, buffer, hashed, bytes);
        return hash.digest();
      } finally {
        await close();
      }
    },
    close,
  };
}

function threadHasher(fd: number): PartHasher {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { fd } });
  worker.unref(); // a download that fails or is interrupted must not wait for it
  const result = new Promise<Buffer>((resolve, reject) => {
    worker.once('message', (digest: Uint8Array) => resolve(Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength)));
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('the hashing thread stopped')));
  });
  result.catch(() => {}); // a hasher closed early has no reader for its result
  let stopped: Promise<void> | undefined;
  const close = () =>
    (stopped ??= worker.terminate().then(() => {
      closeSync(fd);
      threadInUse = false;
    }));
  return {
    thread: true,
    advance(bytes) {
      if (!stopped) worker.postMessage({ upTo: bytes });
    },
    async finish(bytes) {
      if (stopped) throw new Error('the hasher is closed');
      worker.postMessage({ upTo: bytes, finish: true });
      worker.ref(); // the answer is awaited now: the process must not end before it comes
      try {
        return await result;
      } finally {
        await close();
      }
    },
    close,
  };
}
