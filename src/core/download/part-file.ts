// The .part file of a download, held open for the whole download: created and opened without
// following a link (a symlink or FIFO planted at `<target>.part` is refused, never written
// through), locked against other writers (`<target>.part.lock`, see file-lock.ts), written
// at explicit offsets, and renamed into place only if the path still names the file written.
// Its tag (ETag) is kept beside it for resuming.
import { closeSync, fstatSync, ftruncateSync, linkSync, lstatSync, readFileSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { ExitCode, TwinError, UsageError } from '../../shared/errors.js';
import { assertRegularOrAbsent, errnoOf, fileSystemError, openNoFollow, writeFileAtomic } from '../../shared/safe-fs.js';
import { acquireLock, type HeldLock } from '../../shared/file-lock.js';

export class PartFile {
  private constructor(
    readonly path: string,
    private fd: number | undefined,
    private readonly lock: HeldLock,
    /** Identity of the file opened, to check the path still names it before renaming. */
    private readonly ino: number,
    private readonly dev: number,
  ) {}

  /**
   * Locks and opens (creating it if needed) `part` for reading and writing at offsets. Fails
   * with code `file_locked` while another download (in any process) writes the same .part.
   */
  static open(part: string, what: string): PartFile {
    const lock = acquireLock(`${part}.lock`, { what });
    try {
      // Two steps, both O_NOFOLLOW: 'a' creates it if absent, 'r+' gives positional writes.
      if (!assertRegularOrAbsent(part, 'write')) closeSync(openNoFollow(part, 'a'));
      const fd = openNoFollow(part, 'r+');
      const stats = fstatSync(fd);
      return new PartFile(part, fd, lock, stats.ino, stats.dev);
    } catch (error) {
      lock.release();
      throw fileSystemError(error, part, 'open');
    }
  }

  private get handle(): number {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    return this.fd;
  }

  /** The length of the file as it is on disk. */
  size(): number {
    return fstatSync(this.handle).size;
  }

  /** Writes all of `chunk` at `offset`. */
  write(chunk: Uint8Array, offset: number): void {
    const fd = this.handle;
    try {
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, offset + done);
    } catch (error) {
      throw fileSystemError(error, this.path, 'write');
    }
  }

  /** Drops everything after `bytes` (0: starts the file again). */
  truncate(bytes: number): void {
    try {
      ftruncateSync(this.handle, bytes);
    } catch (error) {
      throw fileSystemError(error, this.path, 'write');
    }
  }

  get descriptor(): number {
    return this.handle;
  }

  /**
   * Moves the finished file to `target`. Without `overwrite` a file that appeared at the target
   * meanwhile is never replaced (a hard link fails instead); with it, only a regular file is.
   * The path must still name the file this download wrote: a link swapped in is refused.
   */
  moveTo(target: string, overwrite: boolean): void {
    this.assertSameFile();
    try {
      if (overwrite) {
        checkTarget(target, true);
        renameSync(this.path, target); // replaces a link itself, never what it points to
      } else if (!linkInto(this.path, target)) {
        if (assertRegularOrAbsent(target, 'write')) throw alreadyExists(target);
        renameSync(this.path, target);
      }
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') throw alreadyExists(target);
      throw fileSystemError(error, target, overwrite ? 'replace' : 'write');
    }
  }

  /** Deletes the .part (only if the path still names the file this download wrote). */
  remove(): void {
    this.assertSameFile();
    rmSync(this.path, { force: true });
  }

  private assertSameFile(): void {
    let stats: Stats;
    try {
      stats = lstatSync(this.path);
    } catch (error) {
      throw fileSystemError(error, this.path, 'open');
    }
    if (!stats.isFile() || stats.ino !== this.ino || stats.dev !== this.dev) {
      throw new TwinError(`refusing to use ${this.path}: it was replaced by something else during the download.`, {
        code: 'unsafe_path',
        exitCode: ExitCode.api,
        suggestion: 'Make sure no other program writes there, then run again.',
        details: { file: this.path },
      });
    }
  }

  /** Closes the file and releases the lock. Idempotent. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    this.lock.release();
  }
}

/** link(2) never replaces; false when the file system has no hard links (then rename). */
function linkInto(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') return false;
    throw error;
  }
  rmSync(from, { force: true });
  return true;
}

function alreadyExists(target: string): UsageError {
  return new UsageError(`${target} already exists.`, {
    flag: 'force',
    suggestion: 'Pass --force to replace it, or -o to save somewhere else.',
  });
}

/**
 * Refuses a target that exists, without `force`. With it, a regular file or a symbolic link
 * (the link itself, by rename: never the file it points to) may be replaced; a folder, FIFO,
 * socket or device never is.
 */
export function checkTarget(target: string, force: boolean): void {
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return;
    throw fileSystemError(error, target, 'open');
  }
  if (!force) throw alreadyExists(target);
  if (!stats.isSymbolicLink()) assertRegularOrAbsent(target, 'replace');
}

/**
 * The ETag of the object a .part was cut from, kept beside it (`<file>.part.etag`) so a later
 * run resumes with `If-Range` and cannot stitch the start of one file to the end of another
 * (two videos saved to the same -o path, or a file replaced at the source). Never read or
 * written through a link.
 */
export function readPartTag(part: string): string | undefined {
  const path = `${part}.etag`;
  if (!assertRegularOrAbsent(path, 'read')) return undefined;
  const fd = openNoFollow(path, 'r');
  try {
    return readFileSync(fd, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export function writePartTag(part: string, etag: string | undefined): void {
  const path = `${part}.etag`;
  if (etag === undefined) {
    if (assertRegularOrAbsent(path, 'remove')) rmSync(path, { force: true });
    return;
  }
  try {
    writeFileAtomic(path, `${etag}\n`);
  } catch (error) {
    // Best effort (resuming works without it), but a link planted there is reported.
    if ((error as TwinError).code === 'unsafe_path') throw error;
  }
}

export function checksumMatches(headerValue: string, sha256: Buffer): boolean {
  const expected = Buffer.from(headerValue.trim(), 'base64');
  // A composite checksum of a multipart upload ("…-3") is not a hash of the whole file: skip it.
  if (expected.length !== 32) return true;
  return expected.equals(sha256);
}
