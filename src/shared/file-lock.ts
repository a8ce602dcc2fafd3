// Exclusive lock files (O_EXCL, never through a link) holding the owner's pid and host: one
// writer per .part, journal or lock file across processes and within one. A lock left by a dead
// process of this host is taken over; locks are released on exit too.
import { closeSync, constants, lstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { ExitCode, TwinError } from './errors.js';
import { errnoOf, fileSystemError, writeAll } from './safe-fs.js';

const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export interface HeldLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

// Each held path with the handle that holds it: a handle released twice must not free the lock
// of the next holder in this process.
const held = new Map<string, object>();
let exitHookInstalled = false;

/**
 * An exclusive lock file (O_EXCL) holding the owner's pid and host. A lock left by a process
 * of this host that no longer runs is taken over; a live owner makes this call fail at once
 * with a message naming it. Locks are released on process exit too.
 */
export function acquireLock(path: string, opts: { what?: string } = {}): HeldLock {
  const what = opts.what ?? basename(path).replace(/\.lock$/, '');
  for (let tries = 0; tries < 3; tries++) {
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    try {
      const fd = openSync(path, CREATE_EXCLUSIVE, 0o644);
      writeAll(fd, Buffer.from(`${JSON.stringify(owner)}\n`), path);
      closeSync(fd);
      return hold(path);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw fileSystemError(error, path, 'lock');
    }
    // A lock that vanished since the open (its owner released it) reads as no owner, and as older
    // than any limit: it is tried again.
    const current = readOwner(path);
    const ours = current && current.pid === process.pid && current.host === hostname();
    if (current && (ours ? held.has(path) : current.host !== hostname() || isAlive(current.pid))) {
      const where = current.host === hostname() ? `pid ${current.pid}` : `pid ${current.pid} on ${current.host}`;
      throw new TwinError(
        ours
          ? `${what} is in use by another writer in this process (pid ${current.pid}).`
          : `${what} is in use by another twin process (${where}).`,
        {
          code: 'file_locked',
          exitCode: ExitCode.api,
          suggestion: `Wait for it to finish. If no such process runs any more, remove ${path}.`,
          details: { file: path, pid: current.pid },
        },
      );
    }
    if (current === undefined && !olderThan(path, 10_000)) {
      // Being written by its owner right now (created, pid not yet in it): treat as held.
      throw new TwinError(`${what} is in use by another twin process.`, {
        code: 'file_locked',
        exitCode: ExitCode.api,
        suggestion: `Wait for it to finish. If no twin process runs, remove ${path}.`,
        details: { file: path },
      });
    }
    rmSync(path, { force: true }); // left by a process that died (or by this very process)
  }
  throw new TwinError(`could not lock ${path}: it keeps being taken by another process.`, {
    code: 'file_locked',
    exitCode: ExitCode.api,
    details: { file: path },
  });
}

function hold(path: string): HeldLock {
  const token = {};
  held.set(path, token);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const lock of held.keys()) removeIfOurs(lock);
    });
  }
  return {
    path,
    release() {
      if (held.get(path) !== token) return;
      held.delete(path);
      removeIfOurs(path);
    },
  };
}

function removeIfOurs(path: string): void {
  const owner = readOwner(path);
  if (owner && owner.pid === process.pid && owner.host === hostname()) rmSync(path, { force: true });
}

/** Who holds the lock (pid and host; `started` is for people reading the file), if it says. */
function readOwner(path: string): Pick<LockOwner, 'pid' | 'host'> | undefined {
  let text: string;
  try {
    if (!lstatSync(path).isFile()) return undefined;
    // Stryker disable next-line StringLiteral: equivalent: without an encoding the Buffer converts to the same text in Number and JSON.parse
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw fileSystemError(error, path, 'read');
  }
  const pid = Number(text); // the older format: the pid alone (Number skips the whitespace around it)
  if (Number.isInteger(pid) && pid > 0) return { pid, host: hostname() };
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    // Stryker disable next-line OptionalChaining: equivalent: a null read as value.pid throws inside this try, which gives undefined too
    if (typeof value?.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host };
  } catch {
    // half-written or foreign content: undefined below
  }
  return undefined;
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - lstatSync(path).mtimeMs > ms;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}
