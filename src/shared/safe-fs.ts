// Every file twin writes goes through here: writes are atomic (a private temp file, then a
// rename), never follow a link twin did not create, and file-system failures become plain
// sentences naming the path ("the disk is full"), never "a bug in twin".
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExitCode, TwinError } from './errors.js';
import { REASONS } from './fs-reasons.js';

export type FileAction = 'read' | 'write' | 'create' | 'replace' | 'remove' | 'lock' | 'open';

export function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** Is this a Node file-system error (an errno code) rather than a bug? */
export function isFileSystemErrno(error: unknown): boolean {
  const code = errnoOf(error);
  return code !== undefined && (code in REASONS || typeof (error as NodeJS.ErrnoException).syscall === 'string');
}

/**
 * A file-system failure as a TwinError (exit 1): "cannot write out/a.mp4: the disk is full".
 * A TwinError passes through unchanged, so callers can wrap whole blocks.
 */
export function fileSystemError(error: unknown, path: string, action: FileAction = 'write'): TwinError {
  if (error instanceof TwinError) return error;
  const errno = errnoOf(error);
  const reason = errno ? REASONS[errno] : undefined;
  const why = reason?.says ?? (error instanceof Error ? error.message : String(error));
  const says = errno === 'ENOENT' && (action === 'write' || action === 'create') ? `the folder ${dirname(path)} does not exist` : why;
  return new TwinError(`cannot ${action} ${path}: ${says}`, {
    code: reason?.code ?? 'file_system_error',
    exitCode: ExitCode.api,
    suggestion: reason?.suggestion ?? 'Check the path and the disk, then run again.',
    details: { file: path, ...(errno ? { errno } : {}) },
    cause: error,
  });
}

function refuse(path: string, action: FileAction, what: string): TwinError {
  return new TwinError(`refusing to ${action} ${path}: ${what}`, {
    code: 'unsafe_path',
    exitCode: ExitCode.api,
    suggestion: 'Remove it or choose another path; twin writes only regular files it created.',
    details: { file: path },
  });
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw fileSystemError(error, path, 'open');
  }
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'it is a symbolic link, which twin never writes through';
  if (stats.isDirectory()) return 'it is a folder';
  return 'it is not a regular file';
}

/** Throws unless `path` is absent or a regular file (a link is refused, not followed). */
export function assertRegularOrAbsent(path: string, action: FileAction = 'write'): Stats | undefined {
  const stats = lstatOrUndefined(path);
  if (stats && !stats.isFile()) throw refuse(path, action, kindOf(stats));
  return stats;
}

const FLAGS = {
  r: constants.O_RDONLY,
  'r+': constants.O_RDWR,
  a: constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND,
  'a+': constants.O_RDWR | constants.O_CREAT | constants.O_APPEND,
  w: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC,
  wx: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
} as const;
type OpenFlags = keyof typeof FLAGS;

/**
 * Opens a regular file without following a link at its last component (O_NOFOLLOW), and
 * without blocking on a FIFO (O_NONBLOCK); anything but a regular file is refused.
 */
export function openNoFollow(path: string, flags: OpenFlags, mode = 0o666): number {
  const action: FileAction = flags === 'r' ? 'read' : 'write';
  assertRegularOrAbsent(path, action);
  let fd: number;
  try {
    fd = openSync(path, FLAGS[flags] | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode);
  } catch (error) {
    if (errnoOf(error) === 'ELOOP') throw refuse(path, action, 'it is a symbolic link, which twin never writes through');
    if (errnoOf(error) === 'ENXIO') throw refuse(path, action, 'it is not a regular file');
    throw fileSystemError(error, path, action);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw refuse(path, action, kindOf(stats));
  }
  return fd;
}

/** The errno-style code readRegularFile gives a FIFO, socket or device. */
// Stryker disable next-line StringLiteral: a module constant, set before a mutant is switched on (static); safe-fs-edges checks its value and sentence
export const NOT_REGULAR = 'ENOTREGULAR';

/**
 * Reads a file a user named (a link is followed, as any program follows one), refusing at once
 * anything but a regular file: a FIFO would block the read forever, a device may never end.
 * Failures keep node's errno codes (ENOENT, EACCES, EISDIR for a folder; NOT_REGULAR otherwise).
 */
export function readRegularFile(path: string): Buffer {
  const fd = openRegularFile(path);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The fd of a regular file opened for reading (for a stream), refused at once as readRegularFile refuses. */
export function openRegularFile(path: string): number {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (!stats.isFile()) throw Object.assign(new Error('it is not a regular file (a FIFO, socket or device)'), { code: NOT_REGULAR });
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Writes every byte of `data` at the fd's position (a short write is continued). */
export function writeAll(fd: number, data: Uint8Array, path: string): void {
  try {
    // Stryker disable next-line ArithmeticOperator: the same on a first write; a short write to a regular file cannot be staged
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
  } catch (error) {
    throw fileSystemError(error, path, 'write');
  }
}

interface AtomicWriteOptions {
  /** File mode of the new file, exactly (e.g. 0o600 for credentials). */
  mode?: number;
  /** Replace an existing regular file (default true); false fails if the target exists. */
  overwrite?: boolean;
}

/**
 * Writes `path` whole or not at all: a temp file beside it (created O_EXCL|O_NOFOLLOW, so
 * never through a planted link), fsync, then rename over the target. A symlink, folder or
 * other non-regular file at the target is refused, never replaced.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const existing = assertRegularOrAbsent(path, 'replace');
  if (existing && opts.overwrite === false) {
    // Stryker disable next-line StringLiteral: equivalent: the EEXIST sentence replaces this message
    const exists = new Error('exists');
    throw fileSystemError(Object.assign(exists, { code: 'EEXIST' }), path, 'create');
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent: writeSync writes a string as UTF-8 too, and Buffer.from copies bytes as they are
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    // Stryker disable next-line LogicalOperator: equivalent: the fchmod below sets the exact mode; this only narrows the moment before it
    fd = openSync(temp, FLAGS.wx | constants.O_NOFOLLOW, opts.mode ?? 0o666);
    if (opts.mode !== undefined) fchmodSync(fd, opts.mode);
    writeAll(fd, bytes, path);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.overwrite === false) {
      linkSync(temp, path); // fails with EEXIST instead of replacing a file that appeared meanwhile
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent: the private temp file was just linked, so it is there to remove
      rmSync(temp, { force: true });
    } else {
      renameSync(temp, path);
    }
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: only a write failing after the open (EIO, ENOSPC) reaches here with an fd, which no test can stage
    if (fd !== undefined) closeSync(fd);
    try {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent: a failure to remove is ignored below
      rmSync(temp, { force: true });
    } catch {
      // Not there, or a name too long to create is too long to remove: the write's own failure is what to say.
    }
    throw fileSystemError(error, path, existing ? 'replace' : 'write');
  }
}

/**
 * Creates a folder (and its parents). With `mode`, a folder twin creates gets it, and an
 * existing one that grants more than `mode` (e.g. group/world access to a private folder) is
 * tightened; returns a warning when it cannot be.
 */
export function ensureDir(path: string, opts: { mode?: number } = {}): string | undefined {
  try {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ObjectLiteral: equivalent: the chmod below gives the mode; this only narrows the moment before it
    mkdirSync(path, { recursive: true, ...(opts.mode !== undefined ? { mode: opts.mode } : {}) });
  } catch (error) {
    throw fileSystemError(error, path, 'create');
  }
  if (opts.mode === undefined) return undefined;
  const stats = statSync(path);
  // Stryker disable next-line ConditionalExpression,StringLiteral: mkdir -p succeeded, so only a swap between it and the stat (a race) reaches a non-folder
  if (!stats.isDirectory()) throw refuse(path, 'create', 'it is not a folder');
  const extra = stats.mode & 0o777 & ~opts.mode;
  // Stryker disable next-line ConditionalExpression: equivalent: a chmod to the mode the folder already has
  if (extra === 0) return undefined;
  try {
    chmodSync(path, stats.mode & 0o777 & opts.mode);
    return undefined;
  } catch {
    const open = extra & 0o022 ? 'writable by other users' : 'readable by other users';
    return `The folder ${path} is ${open} and twin could not change that (chmod ${(opts.mode & 0o777).toString(8)} ${path}).`;
  }
}
