// The SHA-256 of a download. Bytes are hashed as they arrive, from the same buffer that is
// written to the .part (no second pass over the file, no second thread: on a 2-core machine a
// hashing thread and the receiving thread starve each other). The bytes of a .part left by an
// earlier run are hashed from disk, so the reported hash is always that of the whole file as
// written: prefix from disk, then every chunk written after it.
import { createHash, type Hash } from 'node:crypto';
import { read } from 'node:fs';
import { promisify } from 'node:util';

const readAt = promisify(read);
const READ_BLOCK = 1024 * 1024;

export class PartHash {
  private hash: Hash = createHash('sha256');
  /** Bytes [0, hashed) of the file are in the hash. */
  hashed = 0;

  /** Starts again for a file written from its first byte. */
  reset(): void {
    this.hash = createHash('sha256');
    this.hashed = 0;
  }

  /** Bytes written at offset `hashed`. */
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.hashed += chunk.length;
  }

  /**
   * Hashes bytes [hashed, upTo) of the open file `fd` from disk (a .part left by an earlier run),
   * in blocks read off the main thread, so other downloads keep flowing meanwhile.
   */
  async catchUp(fd: number, upTo: number): Promise<void> {
    if (this.hashed >= upTo) return;
    const buffer = Buffer.allocUnsafe(Math.min(READ_BLOCK, upTo - this.hashed));
    while (this.hashed < upTo) {
      const { bytesRead } = await readAt(fd, buffer, 0, Math.min(buffer.length, upTo - this.hashed), this.hashed);
      if (bytesRead === 0) throw new Error(`the file ended at ${this.hashed} bytes, before ${upTo}`);
      this.update(buffer.subarray(0, bytesRead));
    }
  }

  /** The SHA-256 of bytes [0, hashed); the hash starts again afterwards. */
  digest(): Buffer {
    const digest = this.hash.digest();
    this.reset();
    return digest;
  }
}
