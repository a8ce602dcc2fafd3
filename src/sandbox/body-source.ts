// What a download serves: a fixture buffer or a synthetic file of any size. Synthetic files are one
// 4 MiB pseudo-random block repeated, with the block index stamped into its first 8 bytes so no two
// blocks are equal (a resume at the wrong offset changes the hash). Chunks that do not touch the
// stamp are zero-copy views of the shared block, so serving 1 GiB costs little CPU and constant memory.
import { createHash } from 'node:crypto';

export interface BodySource {
  size: number;
  /** Bytes from `offset`, at most `max` (possibly fewer); never empty while offset < size. Callers must not mutate it. */
  chunk(offset: number, max: number): Buffer;
  sha256(): string;
  sha256Async(): Promise<string>;
}

const BLOCK = 4 * 1024 * 1024;
const STAMP = 8;
let baseBlock: Buffer | undefined;

function block(): Buffer {
  if (baseBlock) return baseBlock;
  const b = Buffer.allocUnsafe(BLOCK);
  let x = 0x9e3779b9;
  for (let i = 0; i < BLOCK; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.writeUInt32LE(x >>> 0, i);
  }
  return (baseBlock = b);
}

const bufferHashes = new WeakMap<Buffer, string>();

export function bufferSource(buf: Buffer): BodySource {
  const sha256 = (): string => {
    let h = bufferHashes.get(buf);
    if (!h) {
      h = createHash('sha256').update(buf).digest('hex');
      bufferHashes.set(buf, h);
    }
    return h;
  };
  return {
    size: buf.length,
    chunk: (offset, max) => buf.subarray(offset, Math.min(buf.length, offset + max)),
    sha256,
    sha256Async: async () => sha256(),
  };
}

const syntheticHashes = new Map<number, string>();
const syntheticHashing = new Map<number, Promise<string>>();

export function syntheticSource(size: number): BodySource {
  const chunk = (offset: number, max: number): Buffer => {
    const base = block();
    const index = Math.floor(offset / BLOCK);
    const within = offset - index * BLOCK;
    const len = Math.min(max, BLOCK - within, size - offset);
    if (within >= STAMP) return base.subarray(within, within + len);
    // Only the stamp is fresh memory; the rest of the block follows as a view in the next chunk.
    const stamp = Buffer.alloc(STAMP);
    stamp.writeBigUInt64LE(BigInt(index));
    return stamp.subarray(within, Math.min(STAMP, within + len));
  };
  const hashRange = (hash: ReturnType<typeof createHash>, from: number, to: number): void => {
    for (let at = from; at < to; ) {
      const c = chunk(at, to - at);
      hash.update(c);
      at += c.length;
    }
  };
  const sha256 = (): string => {
    let h = syntheticHashes.get(size);
    if (!h) {
      const hash = createHash('sha256');
      hashRange(hash, 0, size);
      h = hash.digest('hex');
      syntheticHashes.set(size, h);
    }
    return h;
  };
  // Hashes in slices with a yield between them, so precomputing a 1 GiB hash while the render is
  // in flight does not freeze the server.
  const sha256Async = (): Promise<string> => {
    const known = syntheticHashes.get(size);
    if (known) return Promise.resolve(known);
    let running = syntheticHashing.get(size);
    if (!running) {
      running = (async () => {
        const hash = createHash('sha256');
        const slice = 32 * BLOCK;
        for (let at = 0; at < size; at += slice) {
          hashRange(hash, at, Math.min(size, at + slice));
          await new Promise<void>((r) => setImmediate(r));
          const done = syntheticHashes.get(size);
          if (done) return done;
        }
        const h = hash.digest('hex');
        syntheticHashes.set(size, h);
        return h;
      })();
      syntheticHashing.set(size, running);
      void running.finally(() => syntheticHashing.delete(size));
    }
    return running;
  };
  return { size, chunk, sha256, sha256Async };
}
