// The check of an output path made BEFORE a paid request (issue 22): the download at the end
// refuses the same paths (part-file.ts), but by then the speech or translation is billed. A file
// there without --force, a FIFO/folder/device at the path, or a folder that is not one (or cannot
// be written: output-check.ts, one probe for both) is refused with exit 2 and nothing sent.
import { lstatSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { errnoOf } from '../../shared/safe-fs.js';
import { UsageError } from '../../shared/errors.js';
import { checkFolderBeforePaying } from './output-check.js';

interface TargetCheck {
  /** The flag that named the path, for the message (`-o`, `--srt`, `--download`). */
  flag: string;
  /** Replace an existing regular file (or a link, replaced itself). */
  force: boolean;
  /** Only the folder is known (e.g. a name holding an id the API has not given yet). */
  folderOnly?: boolean;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    // Stryker disable next-line StringLiteral: unreachable: a failed lstat always carries an errno code
    throw new UsageError(`${path} cannot be checked (${errnoOf(error) ?? 'error'}).`, {});
  }
}

/** Throws a UsageError (exit 2) unless a download could later be saved at `target`. */
export function checkTargetBeforePaying(target: string, check: TargetCheck): void {
  checkFolderBeforePaying(dirname(target), check.flag, target);
  if (check.folderOnly) return;
  const stats = lstatOrUndefined(target);
  if (!stats) return;
  if (stats.isDirectory()) throw new UsageError(`${check.flag}: ${target} is a folder; name a file.`, { flag: check.flag });
  if (!stats.isFile() && !stats.isSymbolicLink()) {
    throw new UsageError(`${check.flag}: ${target} is not a regular file (a FIFO, socket or device); twin never writes there.`, {
      flag: check.flag,
      suggestion: 'Name another path; nothing was sent.',
    });
  }
  if (!check.force) {
    throw new UsageError(`${check.flag}: ${target} already exists.`, {
      flag: check.flag,
      suggestion: 'Pass --force to replace it, or name another path; nothing was sent.',
    });
  }
}
