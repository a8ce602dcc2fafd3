// The .part hasher: reads the file back while it grows, on a second thread for big files (one
// thread per process at most) and on the main thread otherwise; both give the file's SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partHasher, THREAD_MIN_BYTES } from '../../src/core/part-hash.js';
import { tempDir } from '../helpers/harness.js';

const BIG = THREAD_MIN_BYTES + 12_345;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function file(bytes: Buffer): string {
  const path = join(tempDir(), 'video.mp4.part');
  writeFileSync(path, bytes);
  return path;
}

describe('partHasher', () => {
  it('hashes a big file on a thread while it grows, and reads what is on disk', async () => {
    const data = randomBytes(BIG);
    const path = file(data.subarray(0, 5_000_000));
    const hasher = partHasher(path, BIG);
    expect(hasher.thread).toBe(true);
    hasher.advance(5_000_000);
    appendFileSync(path, data.subarray(5_000_000));
    hasher.advance(BIG - 1);
    expect((await hasher.finish(BIG)).toString('hex')).toBe(sha256(data));
  });

  it('hashes small files and files of unknown size on the main thread, with the same result', async () => {
    const data = randomBytes(300_000);
    for (const expected of [data.length, undefined]) {
      const hasher = partHasher(file(data), expected);
      expect(hasher.thread).toBe(false);
      hasher.advance(100_000);
      expect((await hasher.finish(data.length)).toString('hex')).toBe(sha256(data));
    }
  });

  it('gives the hash of a prefix when asked for fewer bytes than the file has', async () => {
    const data = randomBytes(BIG);
    const hasher = partHasher(file(data), BIG);
    expect((await hasher.finish(BIG - 7)).toString('hex')).toBe(sha256(data.subarray(0, BIG - 7)));
  });

  it('uses one thread at a time: a second big file hashes inline until the first hasher is closed', async () => {
    const data = randomBytes(BIG);
    const first = partHasher(file(data), BIG);
    const second = partHasher(file(data), BIG);
    expect([first.thread, second.thread]).toEqual([true, false]);
    await first.close();
    await first.close(); // idempotent
    await expect(first.finish(BIG)).rejects.toThrow(/closed/);
    const third = partHasher(file(data), BIG);
    expect(third.thread).toBe(true);
    expect((await second.finish(BIG)).toString('hex')).toBe(sha256(data));
    expect((await third.finish(BIG)).toString('hex')).toBe(sha256(data));
  });

  it('fails, on either thread, when the file is shorter than the bytes it is told about', async () => {
    const data = randomBytes(BIG);
    await expect(partHasher(file(data), BIG).finish(BIG + 1)).rejects.toThrow(/ended at/);
    await expect(partHasher(file(data.subarray(0, 1000)), 1000).finish(1001)).rejects.toThrow(/ended at 1000 bytes/);
    const next = partHasher(file(data), BIG);
    expect(next.thread).toBe(true); // the failed thread was given back
    await next.close();
  });
});
