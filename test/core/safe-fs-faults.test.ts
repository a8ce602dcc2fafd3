// Lock files and folders when the file system or other processes misbehave at the worst moment:
// a lock taken again each time it is freed, one that vanishes or is swapped while being read, an
// owner this user may not signal (EPERM), a read error, a folder that cannot be tightened; and the
// exit hook that releases what is still held. node:fs is wrapped so each fault happens exactly
// where it is named, deterministically.
import { thrown } from '../helpers/thrown.js';
import { hostname } from 'node:os';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireLock } from '../../src/shared/file-lock.js';
import { ensureDir } from '../../src/shared/safe-fs.js';
import { tempDir } from '../helpers/harness.js';

type Hook = (path: string) => void;
/** Per wrapped function: runs just before (or after) its call on a path. */
const faults = vi.hoisted(() => ({ before: new Map<string, Hook>(), after: new Map<string, Hook>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrap = <F extends (...args: never[]) => unknown>(name: string, fn: F): F =>
    ((...args: Parameters<F>) => {
      faults.before.get(name)?.(String(args[0]));
      const result = fn(...args);
      faults.after.get(name)?.(String(args[0]));
      return result;
    }) as F;
  const wrapped = {
    openSync: wrap('openSync', fs.openSync),
    readFileSync: wrap('readFileSync', fs.readFileSync),
    lstatSync: wrap('lstatSync', fs.lstatSync),
    chmodSync: wrap('chmodSync', fs.chmodSync),
  };
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

afterEach(() => {
  faults.before.clear();
  faults.after.clear();
  vi.restoreAllMocks();
});

const errno = (code: string, syscall: string) => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall });
const DEAD = JSON.stringify({ pid: 999_999_999, host: hostname(), started: '' });

describe('acquireLock when the lock moves under it', () => {
  it('a lock taken again by another process each time it is freed: three tries, then said', () => {
    const path = join(tempDir(), 'journal.lock');
    let opens = 0;
    // Before each open, another twin creates the lock and dies: the stale lock is removed and tried again.
    faults.before.set('openSync', (p) => {
      if (p !== path) return;
      opens += 1;
      if (opens > 10) throw new Error('tried forever');
      writeFileSync(path, DEAD);
    });
    const error = thrown(() => acquireLock(path));
    expect(opens).toBe(3);
    expect(error).toMatchObject({
      code: 'file_locked',
      message: `could not lock ${path}: it keeps being taken by another process.`,
      details: { file: path },
    });
  });

  it('a lock released between the open and the read is tried again at once', () => {
    const path = join(tempDir(), 'journal.lock');
    faults.before.set('openSync', (p) => {
      if (p !== path) return;
      faults.before.delete('openSync');
      throw errno('EEXIST', 'open'); // its owner released it right after
    });
    const lock = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a half-written lock that vanishes while being looked at is taken', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, ''); // young and ownerless: held, unless it is gone by the time its age is read
    faults.after.set('readFileSync', (p) => {
      if (p !== path) return;
      faults.after.delete('readFileSync');
      rmSync(path);
    });
    acquireLock(path).release();
    expect(existsSync(path)).toBe(false);
  });

  it('a stale lock removed by another process at the same moment is no error', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, DEAD);
    vi.spyOn(process, 'kill').mockImplementation((pid) => {
      if (pid === 999_999_999) rmSync(path); // the other process cleans it up while this one checks its owner
      throw errno('ESRCH', 'kill');
    });
    acquireLock(path).release();
    expect(existsSync(path)).toBe(false);
  });

  it('an error reading the lock is said as such', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, DEAD);
    faults.before.set('readFileSync', (p) => {
      if (p === path) throw errno('EIO', 'read');
    });
    const error = thrown(() => acquireLock(path));
    expect(error.message).toBe(`cannot read ${path}: an input/output error from the disk`);
  });

  it('an owner this user may not signal (EPERM) is alive', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, JSON.stringify({ pid: 4242, host: hostname(), started: '' }));
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw errno('EPERM', 'kill');
    });
    expect(thrown(() => acquireLock(path)).message).toBe('journal is in use by another twin process (pid 4242).');
  });

  it('an ownerless lock is held for exactly 10 seconds', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, '');
    const born = lstatSync(path).mtimeMs;
    vi.spyOn(Date, 'now').mockReturnValue(born + 10_000);
    expect(thrown(() => acquireLock(path)).code).toBe('file_locked');
    vi.spyOn(Date, 'now').mockReturnValue(born + 10_001);
    acquireLock(path).release();
  });

  it('release tolerates the lock being removed while it reads it', () => {
    const path = join(tempDir(), 'journal.lock');
    const lock = acquireLock(path);
    faults.after.set('readFileSync', (p) => {
      if (p === path) rmSync(path);
    });
    lock.release();
    expect(existsSync(path)).toBe(false);
  });
});

describe('the exit hook', () => {
  it('is installed once, and removes every lock still held at exit', async () => {
    vi.resetModules(); // a fresh module: no hook installed yet
    const fresh = await import('../../src/shared/file-lock.js');
    const before = process.listeners('exit');
    const dir = tempDir();
    fresh.acquireLock(join(dir, 'a.lock'));
    fresh.acquireLock(join(dir, 'b.lock'));
    const added = process.listeners('exit').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    process.removeListener('exit', added[0]!);
    (added[0] as () => void)();
    expect(existsSync(join(dir, 'a.lock'))).toBe(false);
    expect(existsSync(join(dir, 'b.lock'))).toBe(false);
  });
});

describe('ensureDir when a folder cannot be tightened', () => {
  it('says when the folder stays writable by others', () => {
    const dir = join(tempDir(), 'config');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    faults.before.set('chmodSync', (p) => {
      if (p === dir) throw errno('EPERM', 'chmod');
    });
    expect(ensureDir(dir, { mode: 0o700 })).toBe(
      `The folder ${dir} is writable by other users and twin could not change that (chmod 700 ${dir}).`,
    );
  });
});
