// The download's SHA-256: chunks hashed as written, a .part left by an earlier run hashed from
// disk first; either way the hash of the whole file.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PartHash } from '../../src/core/download/part-hash.js';
import { tempDir } from '../helpers/harness.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function withFile<T>(bytes: Buffer, use: (fd: number) => Promise<T>): Promise<T> {
  const path = join(tempDir(), 'video.mp4.part');
  writeFileSync(path, bytes);
  const fd = openSync(path, 'r');
  return use(fd).finally(() => closeSync(fd));
}

describe('PartHash', () => {
  it('hashes a prefix from disk, then the chunks written after it', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const prefix = 2 * 1024 * 1024 + 5; // more than one read block
    const hash = new PartHash();
    await withFile(data.subarray(0, prefix), (fd) => hash.catchUp(fd, prefix));
    expect(hash.hashed).toBe(prefix);
    hash.update(data.subarray(prefix, prefix + 1000));
    hash.update(data.subarray(prefix + 1000));
    expect(hash.hashed).toBe(data.length);
    expect(hash.digest().toString('hex')).toBe(sha256(data));
  });

  it('reads what is on disk, not what was meant to be written', async () => {
    const data = Buffer.alloc(5000, 1);
    const onDisk = Buffer.from(data);
    onDisk[4000] = 2;
    const hash = new PartHash();
    await withFile(onDisk, (fd) => hash.catchUp(fd, onDisk.length));
    expect(hash.digest().toString('hex')).toBe(sha256(onDisk));
  });

  it('starts again after reset, and catches up only what it has not hashed', async () => {
    const data = randomBytes(10_000);
    const hash = new PartHash();
    hash.update(Buffer.from('something else'));
    hash.reset();
    hash.update(data.subarray(0, 4000));
    await withFile(data, (fd) => hash.catchUp(fd, data.length));
    expect(hash.digest().toString('hex')).toBe(sha256(data));
    expect(hash.hashed).toBe(0);
  });

  it('fails when the file is shorter than the bytes it is told about', async () => {
    const data = randomBytes(1000);
    await expect(withFile(data, (fd) => new PartHash().catchUp(fd, 1001))).rejects.toThrow(/ended at 1000 bytes/);
  });
});
