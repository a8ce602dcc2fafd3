// Where a download will go, checked before anything is paid for: `video create --download`
// creates a render first and saves it minutes later, so a path that cannot be written must be
// refused (exit 2) before the create, as a bad flag is. The overwrite question stays with the
// download itself (a file may appear meanwhile, and --force or a prompt settles it there).
import { closeSync, openSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../../shared/errors.js';
import { errnoOf } from '../../shared/safe-fs.js';
import type { FileFlags } from './video-files.js';

/**
 * Throws UsageError (exit 2) when the download's folder cannot be created or written: `-o afile/`
 * where afile is a file, a folder under a file, a folder with no write permission, a read-only disk.
 */
export function checkOutputPath(opts: FileFlags, outputDir: string, cwd: string, flag = '--download'): void {
  if (opts.download === undefined) return;
  const output = typeof opts.download === 'string' ? opts.download : undefined;
  const shown = output ?? outputDir;
  let folder: string;
  if (output === undefined) folder = resolve(cwd, outputDir);
  else {
    const path = resolve(cwd, output);
    // Stryker disable next-line LogicalOperator: equivalent on POSIX, where sep is '/'
    const wantsFolder = output.endsWith('/') || output.endsWith(sep);
    const stats = statOf(path);
    if (stats && !stats.isDirectory() && wantsFolder) {
      throw refuse(flag, `${output} is a file, not a folder`, 'Give a folder (or a file name without the trailing slash).');
    }
    folder = stats?.isDirectory() || wantsFolder ? path : dirname(path);
  }
  checkFolderBeforePaying(folder, flag, shown);
}

/**
 * Throws UsageError (exit 2) when `folder` cannot be created or written: the nearest folder that
 * exists (where the missing ones would be made) is a file, or a probe file cannot be made in it.
 * `shown` names what was asked for in the message (a path as typed).
 */
export function checkFolderBeforePaying(folder: string, flag: string, shown: string): void {
  // The nearest folder that exists is where the missing ones would be made.
  let existing = folder;
  let stats = statOf(existing);
  // Stryker disable next-line ConditionalExpression: equivalent: the root always exists, so the walk ends there anyway
  while (!stats && dirname(existing) !== existing) {
    existing = dirname(existing);
    stats = statOf(existing);
  }
  if (stats && !stats.isDirectory()) {
    throw refuse(flag, `cannot create the folder for ${shown}: ${existing} is a file`, 'Choose another path.');
  }
  const problem = writeProblem(existing);
  if (problem) {
    const where = existing === folder ? `${existing} is not writable` : `cannot create ${folder} inside ${existing}`;
    throw refuse(flag, `${where} (${problem})`, "Choose a folder you can write to, or fix the folder's permissions.");
  }
}

function refuse(flag: string, message: string, suggestion: string): UsageError {
  return new UsageError(`${flag}: ${message}; nothing was created.`, { flag, suggestion });
}

function statOf(path: string): Stats | undefined {
  // Stryker disable BlockStatement: equivalent: an empty catch returns undefined too
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}

/** Creates and removes a probe file: permission bits alone do not tell (root, read-only mounts, ACLs). */
function writeProblem(folder: string): string | undefined {
  const probe = join(folder, `.twin-write-check-${randomBytes(6).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return undefined;
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EACCES') return 'permission denied';
    // Stryker disable next-line all: EPERM and EROFS refuse even root only on mounts no test can make
    if (code === 'EPERM') return 'permission denied';
    // Stryker disable next-line all: EROFS, likewise
    if (code === 'EROFS') return 'read-only file system';
    // Stryker disable next-line StringLiteral: unreachable: a failed open always carries an errno code
    return code ?? 'cannot write';
  }
}
