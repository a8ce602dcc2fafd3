// The files a batch run writes (lock, journal, report, review page), checked before the first
// create: a lock that cannot be written would be found out only after paying, and a CI retry on
// a fresh machine would pay again. A link, a folder or a FIFO in the way, or a folder twin cannot
// write in (read-only mount, permissions) is a usage error (exit 2) naming the path and the flag.
import { accessSync, closeSync, constants, lstatSync, openSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { UsageError } from '../../shared/errors.js';

export interface OutputFile {
  path: string;
  /** "the lock file", "the journal"... */
  what: string;
  /** The flag that moves it. */
  flag: string;
  suggestion: string;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The nearest folder that exists at or above `dir` (the output folder may not exist yet). */
function existingFolder(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    // Stryker disable next-line ConditionalExpression: the root always exists, so the walk stops there either way
    if (lstatOrUndefined(d) || dirname(d) === d) return d;
  }
}

/** Why `path` cannot be written, or undefined when it can. */
function whyNotWritable(path: string): string | undefined {
  try {
    const stats = lstatOrUndefined(path);
    if (stats?.isSymbolicLink()) return 'it is a symbolic link, which twin never writes through';
    if (stats?.isDirectory()) return 'it is a folder';
    if (stats && !stats.isFile()) return 'it is not a regular file (a FIFO, socket or device)';
    if (stats) accessSync(path, constants.W_OK);
    const dir = existingFolder(dirname(path));
    // A file where a folder should be: creating the output folder says so, with its own advice, before the first create.
    // Stryker disable next-line ConditionalExpression: lstat of a path under a file already failed with ENOTDIR above; kept for a race
    if (!statSync(dir).isDirectory()) return undefined;
    // The only sure test of a folder (read-only mounts, ACLs, root on NFS): create a file and remove it.
    const probe = join(dir, `.twin-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600));
    unlinkSync(probe);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EROFS') return 'it is on a read-only file system';
    if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
    return e.message;
  }
}

/** Refuses (exit 2, nothing sent) when any of the files cannot be written, naming each. */
export function checkWritable(files: readonly OutputFile[]): void {
  const bad = files.flatMap((f) => {
    const why = whyNotWritable(f.path);
    return why ? [{ ...f, why }] : [];
  });
  if (bad.length === 0) return;
  const first = bad[0]!;
  throw new UsageError(`Cannot write ${bad.map((b) => `${b.what} ${b.path} (${b.why})`).join('; ')}. Nothing was sent.`, {
    code: 'output_not_writable',
    flag: first.flag,
    suggestion: [...new Set(bad.map((b) => b.suggestion))].join(' '),
    details: { files: bad.map((b) => ({ file: b.path, what: b.what, reason: b.why })) },
  });
}
