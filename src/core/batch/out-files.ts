// The output folder, checked before anything is sent: a finished row's file must still be the
// bytes that were saved (size and SHA-256 from the journal or the lock), or it is downloaded
// again; and a file this batch did not write is never replaced without --force.
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileSystemError } from '../../shared/safe-fs.js';
import type { LockFile } from './lock-format.js';
import type { Task } from './tasks.js';

/** Files hashed at once when a re-run checks what it saved before. */
const HASH_CONCURRENCY = 4;

interface FileFacts {
  bytes: number;
  sha256: string;
}

/** A regular file's size and SHA-256; undefined when nothing is there; 'other' for a link, folder... */
export async function fileFacts(path: string): Promise<FileFacts | 'other' | undefined> {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemError(error, path, 'read');
  }
  if (!stats.isFile()) return 'other';
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw fileSystemError(error, path, 'read');
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Runs `work` over `items`, a few at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Rows the journal calls done whose file is missing or no longer the bytes that were saved:
 * downloaded again (no new render). Returns how many.
 */
export async function verifyDoneFiles(tasks: Task[]): Promise<number> {
  const done = tasks.filter((t) => t.phase === 'done' && t.file !== undefined && t.sha256 !== undefined);
  let wrong = 0;
  await eachLimited(done, HASH_CONCURRENCY, async (task) => {
    const facts = await fileFacts(task.file!);
    if (facts !== undefined && facts !== 'other' && facts.bytes === task.bytes && facts.sha256 === task.sha256) return;
    wrong += 1;
    task.note =
      facts === undefined
        ? 'its file was missing; downloaded again'
        : 'its file was not the one saved (size or SHA-256 differs); downloaded again';
    Object.assign(task, { phase: 'completed', earlier: undefined, sha256: undefined, bytes: undefined, overwrite: true });
  });
  return wrong;
}

export interface ForeignFile {
  line: number;
  row: string;
  path: string;
  /** What is there: a file of other bytes, a link, a folder. */
  what: string;
  /** A link, folder or device: never replaced, not even with --force. */
  blocked?: boolean;
}

/**
 * Files at the targets of rows this run may download that this batch did not write: not in
 * the journal for that row, not the lock's file for it. With --force a regular file is
 * replaced; a link or folder never is (the run stops before sending, --force or not).
 */
export async function foreignFiles(tasks: Task[], outDir: string, lock: LockFile | undefined): Promise<ForeignFile[]> {
  const out = resolve(outDir);
  const found: ForeignFile[] = [];
  const candidates = tasks.filter((t) => t.row.file !== undefined && t.phase !== 'done' && t.phase !== 'failed' && !t.overwrite);
  await eachLimited(candidates, HASH_CONCURRENCY, async (task) => {
    const path = join(out, task.row.file!);
    if (task.file !== undefined && resolve(task.file) === path) {
      task.overwrite = true; // the journal says this batch saved this row there
      return;
    }
    const entry = lock?.rows.get(task.row.key);
    let stats: Stats | undefined;
    try {
      // No error made (and thrown) for each of 100,000 rows that has nothing there yet.
      stats = lstatSync(path, { throwIfNoEntry: false });
    } catch {
      return; // cannot be looked at: nothing there to replace
    }
    if (stats === undefined) return; // nothing there
    if (!stats.isFile()) {
      const what = stats.isSymbolicLink() ? 'a symbolic link' : stats.isDirectory() ? 'a folder' : 'not a regular file';
      found.push({ line: task.row.line, row: task.row.label ?? task.row.key, path, what, blocked: true });
      return;
    }
    // The lock (committed by the team) names this file as this row's video: it is ours.
    if (entry?.file === task.row.file) {
      task.overwrite = true;
      return;
    }
    found.push({ line: task.row.line, row: task.row.label ?? task.row.key, path, what: 'a file this batch did not write' });
  });
  return found.sort((a, b) => a.line - b.line);
}
