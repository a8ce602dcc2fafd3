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

export type FileAction = 'read' | 'write' | 'create' | 'replace' | 'remove' | 'lock' | 'open';

interface Reason {
  code: string;
  says: string;
  suggestion: string;
}

const REASONS: Record<string, Reason> = {
  ENOTREGULAR: {
    code: 'unsafe_path',
    says: 'it is not a regular file (a FIFO, socket or device)',
    suggestion: 'Point to a regular file; twin reads only those.',
  },
  EACCES: { code: 'permission_denied', says: 'permission denied', suggestion: "Check the folder's permissions, or choose another path." },
  EPERM: {
    code: 'permission_denied',
    says: 'operation not permitted',
    suggestion: "Check the file's permissions and attributes, or choose another path.",
  },
  EROFS: { code: 'read_only_file_system', says: 'read-only file system', suggestion: 'Choose a folder on a writable disk.' },
  ENOSPC: {
    code: 'disk_full',
    says: 'the disk is full',
    suggestion: 'Free some space (or choose another disk) and run again; what was finished is kept.',
  },
  EDQUOT: {
    code: 'disk_full',
    says: 'the disk quota is used up',
    suggestion: 'Free some space (or choose another disk) and run again; what was finished is kept.',
  },
  ENOENT: {
    code: 'path_not_found',
    says: 'no such file or folder',
    suggestion: 'Check the path; create the folder first if it should exist.',
  },
  ENOTDIR: { code: 'path_not_found', says: 'a part of the path is not a folder', suggestion: 'Check the path.' },
  EISDIR: { code: 'is_a_directory', says: 'it is a folder', suggestion: 'Give a file name, not a folder.' },
  ELOOP: {
    code: 'symlink_refused',
    says: 'it is a symbolic link, which twin never writes through',
    suggestion: 'Remove the link or choose another path.',
  },
  EEXIST: {
    code: 'file_exists',
    says: 'it already exists',
    suggestion: 'Remove it, choose another path, or pass --force where the command offers it.',
  },
  EMFILE: {
    code: 'too_many_open_files',
    says: 'too many open files',
    suggestion: 'Raise the open-file limit (ulimit -n) or lower --concurrency.',
  },
  ENFILE: {
    code: 'too_many_open_files',
    says: 'too many open files on the system',
    suggestion: 'Close other programs or raise the limit, then run again.',
  },
  EIO: { code: 'io_error', says: 'an input/output error from the disk', suggestion: 'Check the disk, then run again.' },
  EBUSY: { code: 'file_busy', says: 'the file is busy', suggestion: 'Close the program using it, then run again.' },
  ETXTBSY: { code: 'file_busy', says: 'the file is busy', suggestion: 'Close the program using it, then run again.' },
  ENAMETOOLONG: { code: 'name_too_long', says: 'the name is too long', suggestion: 'Choose a shorter path.' },
  EXDEV: { code: 'cross_device', says: 'it is on another disk', suggestion: 'Keep the file and its folder on one disk.' },
};

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
  if (existing && opts.overwrite === false) throw fileSystemError(Object.assign(new Error('exists'), { code: 'EEXIST' }), path, 'create');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: link vs rename differs only if a file appears after the check above, a race no test can stage
    if (opts.overwrite === false) {
      linkSync(temp, path); // fails with EEXIST instead of replacing a file that appeared meanwhile
      rmSync(temp, { force: true });
    } else {
      renameSync(temp, path);
    }
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: only a write failing after the open (EIO, ENOSPC) reaches here with an fd, which no test can stage
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
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
  // Stryker disable next-line ConditionalExpression: mkdir -p succeeded, so only a swap between it and the stat (a race) reaches a non-folder
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
