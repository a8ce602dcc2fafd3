// The edges of safe file writes and lock files that mutation testing (issue 27) found unguarded:
// exact modes, UTF-8 text, the error sentences, and locks held elsewhere, half-written or stale.
import { thrown } from '../helpers/thrown.js';
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import {
  chmodSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertRegularOrAbsent,
  ensureDir,
  errnoOf,
  fileSystemError,
  isFileSystemErrno,
  NOT_REGULAR,
  openNoFollow,
  openRegularFile,
  readRegularFile,
  writeAll,
  writeFileAtomic,
} from '../../src/shared/safe-fs.js';
import { acquireLock } from '../../src/shared/file-lock.js';
import { TwinError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

/** The fd the next open gets (the lowest free one): still closed afterwards means nothing leaked. */
function nextFd(): number {
  const fd = openSync('/dev/null', 'r');
  closeSync(fd);
  return fd;
}
const isOpen = (fd: number) => {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

/** Sets a file's times `seconds` into the past. */
const age = (path: string, seconds: number) => utimesSync(path, Date.now() / 1000 - seconds, Date.now() / 1000 - seconds);

describe('writeFileAtomic, edges', () => {
  it('writes text as UTF-8 and bytes as they are', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'a.txt'), 'héllo ✓');
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(Buffer.from('héllo ✓', 'utf8'));
    const bytes = new Uint8Array([0, 255, 1, 128]);
    writeFileAtomic(join(dir, 'b.bin'), bytes);
    expect(new Uint8Array(readFileSync(join(dir, 'b.bin')))).toEqual(bytes);
  });

  it('gives a mode the umask would narrow, exactly (0666 stays 0666)', () => {
    const path = join(tempDir(), 'shared.json');
    writeFileAtomic(path, '{}', { mode: 0o666 });
    expect(statSync(path).mode & 0o777).toBe(0o666);
  });

  it('without overwrite: creates a new file, and refuses an existing one by saying it cannot create it', () => {
    const dir = tempDir();
    const path = join(dir, 'once.json');
    writeFileAtomic(path, 'first', { overwrite: false });
    expect(readFileSync(path, 'utf8')).toBe('first');
    const error = thrown(() => writeFileAtomic(path, 'second', { overwrite: false }));
    expect(error.message).toBe(`cannot create ${path}: it already exists`);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['once.json']);
  });

  it('a target under a file is named as the path it could not open', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const error = thrown(() => writeFileAtomic(join(dir, 'file', 'a.json'), 'a'));
    expect(error.message).toBe(`cannot open ${join(dir, 'file', 'a.json')}: a part of the path is not a folder`);
    expect(error.code).toBe('path_not_found');
  });

  it('an existing file it cannot replace (the temp name beside it is too long) is kept and named as replaced', () => {
    const path = join(tempDir(), `${'n'.repeat(240)}.json`);
    writeFileSync(path, 'kept');
    const error = thrown(() => writeFileAtomic(path, 'new'));
    expect(error.message).toBe(`cannot replace ${path}: the name is too long`);
    expect(readFileSync(path, 'utf8')).toBe('kept');
  });

  it('a refusal says what to do and names the file', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out.json'));
    const error = thrown(() => writeFileAtomic(join(dir, 'out.json'), 'a'));
    expect(error.code).toBe('unsafe_path');
    expect(error.suggestion).toBe('Remove it or choose another path; twin writes only regular files it created.');
    expect(error.details).toEqual({ file: join(dir, 'out.json') });
  });
});

describe('openNoFollow, edges', () => {
  it('opens a regular file to write, append and read', () => {
    const path = join(tempDir(), 'a.part');
    for (const [flags, data] of [
      ['w', 'one'],
      ['a', '+two'],
    ] as const) {
      const fd = openNoFollow(path, flags);
      writeAll(fd, Buffer.from(data), path);
      closeSync(fd);
    }
    const fd = openNoFollow(path, 'r');
    expect(readFileSync(fd, 'utf8')).toBe('one+two');
    closeSync(fd);
  });

  it('says "read" for a read and "write" for a write, and a missing folder is not called a link', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
    expect(thrown(() => openNoFollow(join(dir, 'link'), 'r')).message).toMatch(/^refusing to read /);
    expect(thrown(() => openNoFollow(join(dir, 'link'), 'w')).message).toMatch(/^refusing to write /);
    const missing = thrown(() => openNoFollow(join(dir, 'nope', 'a'), 'w'));
    expect(missing.code).toBe('path_not_found');
    expect(missing.message).toBe(`cannot write ${join(dir, 'nope', 'a')}: the folder ${join(dir, 'nope')} does not exist`);
  });
});

describe('assertRegularOrAbsent', () => {
  it('says "write" unless told otherwise', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link'));
    expect(thrown(() => assertRegularOrAbsent(join(dir, 'link'))).message).toBe(
      `refusing to write ${join(dir, 'link')}: it is a symbolic link, which twin never writes through`,
    );
    expect(assertRegularOrAbsent(join(dir, 'absent'))).toBeUndefined();
  });
});

describe('readRegularFile and openRegularFile', () => {
  it('read a regular file (through a link too) and leave no fd open', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'text');
    symlinkSync(join(dir, 'a.txt'), join(dir, 'link'));
    const fd = nextFd();
    expect(readRegularFile(join(dir, 'link')).toString()).toBe('text');
    expect(isOpen(fd)).toBe(false);
    const opened = openRegularFile(join(dir, 'a.txt'));
    expect(fstatSync(opened).size).toBe(4);
    closeSync(opened);
  });

  it('refuse a folder (EISDIR) and a FIFO (NOT_REGULAR) at once, closing what they opened', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    for (const [path, code, message] of [
      [dir, 'EISDIR', 'it is a folder'],
      [join(dir, 'fifo'), NOT_REGULAR, 'it is not a regular file (a FIFO, socket or device)'],
    ]) {
      const fd = nextFd();
      let error: unknown;
      try {
        readRegularFile(path!);
      } catch (e) {
        error = e;
      }
      expect(error, path).toMatchObject({ code, message });
      expect(isOpen(fd), path).toBe(false);
    }
    expect(NOT_REGULAR).toBe('ENOTREGULAR');
    const said = fileSystemError(Object.assign(new Error('x'), { code: NOT_REGULAR }), join(dir, 'fifo'), 'read');
    expect(said).toMatchObject({
      code: 'unsafe_path',
      message: `cannot read ${join(dir, 'fifo')}: it is not a regular file (a FIFO, socket or device)`,
    });
  });
});

describe('writeAll', () => {
  it('a write that fails is a file-system error naming the file', () => {
    const path = join(tempDir(), 'a.bin');
    writeFileSync(path, '');
    const fd = openSync(path, 'r');
    try {
      const error = thrown(() => writeAll(fd, Buffer.from('x'), path));
      expect(error.message).toMatch(new RegExp(`^cannot write ${path}: EBADF`));
      expect(error.details).toMatchObject({ file: path, errno: 'EBADF' });
    } finally {
      closeSync(fd);
    }
  });
});

describe('errno codes and their sentences', () => {
  it('takes only E… codes as errno', () => {
    expect(errnoOf({ code: ['EIO'] })).toBeUndefined();
    expect(errnoOf(undefined)).toBeUndefined();
    expect(errnoOf({ code: 'ENOSPC' })).toBe('ENOSPC');
    expect(errnoOf({ code: 'ERR_INVALID_ARG_TYPE' })).toBeUndefined();
    expect(errnoOf({ code: 'XEIO' })).toBeUndefined();
    expect(errnoOf({ code: 5 })).toBeUndefined();
  });

  it('a file-system error is a known errno or any errno from a system call; a bug is neither', () => {
    expect(isFileSystemErrno({ code: 'ENOSPC' })).toBe(true);
    expect(isFileSystemErrno({ code: 'ESTRANGE', syscall: 'open' })).toBe(true);
    expect(isFileSystemErrno({ code: 'ESTRANGE' })).toBe(false);
    expect(isFileSystemErrno({ code: 'ERR_INVALID_ARG_TYPE', syscall: 'open' })).toBe(false);
    expect(isFileSystemErrno(new TypeError('x'))).toBe(false);
  });

  it('an unknown errno keeps its own message and gets the general advice; a TwinError passes through', () => {
    const error = fileSystemError(Object.assign(new Error('ESTRANGE: odd'), { code: 'ESTRANGE' }), '/x/a', 'read');
    expect(error.message).toBe('cannot read /x/a: ESTRANGE: odd');
    expect(error.code).toBe('file_system_error');
    expect(error.suggestion).toBe('Check the path and the disk, then run again.');
    expect(fileSystemError('plain', '/x/a').message).toBe('cannot write /x/a: plain');
    const twin = new TwinError('already said', { code: 'x', exitCode: 1 });
    expect(fileSystemError(twin, '/x/a')).toBe(twin);
  });

  it('ENOENT on a read names the file, on a write the missing folder', () => {
    const enoent = Object.assign(new Error('raw'), { code: 'ENOENT' });
    expect(fileSystemError(enoent, '/x/a', 'read').message).toBe('cannot read /x/a: no such file or folder');
    expect(fileSystemError(enoent, '/x/a', 'create').message).toBe('cannot create /x/a: the folder /x does not exist');
  });
});

describe('ensureDir, edges', () => {
  // /proc/self refuses chmod even to root: what twin says when it cannot tighten a folder.
  it.skipIf(process.platform !== 'linux')('leaves a folder as private as asked alone, and warns when it cannot tighten one', () => {
    expect(ensureDir('/proc/self', { mode: 0o555 })).toBeUndefined();
    expect(ensureDir('/proc/self', { mode: 0o500 })).toBe(
      'The folder /proc/self is readable by other users and twin could not change that (chmod 500 /proc/self).',
    );
  });

  it('without a mode leaves an existing folder as it is', () => {
    const dir = join(tempDir(), 'out');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(ensureDir(dir)).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });
});

describe('acquireLock, edges', () => {
  it('a lock held on another host is refused even if its pid is free here, naming the host', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, JSON.stringify({ pid: 999_999_999, host: 'other-host', started: '' }));
    const error = thrown(() => acquireLock(path));
    expect(error.message).toBe('journal is in use by another twin process (pid 999999999 on other-host).');
    expect(error.suggestion).toBe(`Wait for it to finish. If no such process runs any more, remove ${path}.`);
    expect(error.details).toEqual({ file: path, pid: 999_999_999 });
  });

  it('a lock still being written (no owner in it yet) is held; once old it is taken over', () => {
    const path = join(tempDir(), 'a.part.lock');
    writeFileSync(path, '');
    const error = thrown(() => acquireLock(path, { what: 'a' }));
    expect(error).toMatchObject({ code: 'file_locked', message: 'a is in use by another twin process.', details: { file: path } });
    expect(error.suggestion).toBe(`Wait for it to finish. If no twin process runs, remove ${path}.`);
    age(path, 60);
    acquireLock(path).release();
    expect(existsSync(path)).toBe(false);
  });

  it('an owner it cannot read (a pid that is no pid) counts as no owner', () => {
    const dir = tempDir();
    const owners: Array<[string, string]> = [
      ['zero.lock', '0'],
      ['text-pid.lock', JSON.stringify({ pid: String(process.ppid), host: hostname() })],
      ['no-host.lock', JSON.stringify({ pid: process.ppid })],
    ];
    for (const [name, text] of owners) {
      const path = join(dir, name);
      writeFileSync(path, text);
      expect(thrown(() => acquireLock(path)).message, name).toMatch(/is in use by another twin process\.$/);
      age(path, 60);
      acquireLock(path).release();
    }
  });

  it('names the lock by its file name less the one .lock at its end', () => {
    const path = join(tempDir(), 'notes.lockbox.lock');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'other-host', started: '' }));
    expect(thrown(() => acquireLock(path)).message).toBe('notes.lockbox is in use by another twin process (pid 1 on other-host).');
  });

  it('our pid on another host is another process', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: 'other-host', started: '' }));
    expect(thrown(() => acquireLock(path)).message).toBe(`journal is in use by another twin process (pid ${process.pid} on other-host).`);
  });

  it('a lock in a folder that is not there is a file-system error, not a lock held', () => {
    const path = join(tempDir(), 'nope', 'journal.lock');
    const error = thrown(() => acquireLock(path));
    expect(error.message).toBe(`cannot lock ${path}: no such file or folder`);
    expect(error.code).toBe('path_not_found');
  });

  it('release leaves a lock that is no longer ours: half-written by another, or our pid on another host', () => {
    const path = join(tempDir(), 'journal.lock');
    for (const text of ['', JSON.stringify({ pid: process.pid, host: 'other-host', started: '' })]) {
      const lock = acquireLock(path);
      writeFileSync(path, text);
      lock.release();
      expect(readFileSync(path, 'utf8'), text).toBe(text);
      age(path, 60);
      if (text !== '') writeFileSync(path, '');
      age(path, 60);
    }
  });

  it('a folder where the lock should be is held, not a crash', () => {
    const path = join(tempDir(), 'journal.lock');
    mkdirSync(path);
    expect(thrown(() => acquireLock(path)).code).toBe('file_locked');
  });

  it('a second writer in this process is told so', () => {
    const path = join(tempDir(), 'journal.lock');
    const lock = acquireLock(path);
    expect(thrown(() => acquireLock(path)).message).toBe(`journal is in use by another writer in this process (pid ${process.pid}).`);
    lock.release();
  });

  it('releasing twice does not remove the next holder’s lock', () => {
    const path = join(tempDir(), 'journal.lock');
    const first = acquireLock(path);
    first.release();
    const second = acquireLock(path);
    first.release();
    expect(existsSync(path)).toBe(true);
    second.release();
    expect(existsSync(path)).toBe(false);
  });
});
