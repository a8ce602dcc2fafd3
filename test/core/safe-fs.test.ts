import { execFileSync, spawn } from 'node:child_process';
import { thrown } from '../helpers/thrown.js';
import { hostname } from 'node:os';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDir, fileSystemError, openNoFollow, writeFileAtomic } from '../../src/shared/safe-fs.js';
import { acquireLock } from '../../src/shared/file-lock.js';
import { tempDir } from '../helpers/harness.js';

describe('writeFileAtomic', () => {
  it('writes and replaces whole files, leaving no temp file behind', () => {
    const dir = tempDir();
    const path = join(dir, 'report.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('gives the exact mode asked for', () => {
    const path = join(tempDir(), 'credentials.json');
    writeFileAtomic(path, '{}', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('never writes through a symlink planted at the target', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'out.json'));
    const error = thrown(() => writeFileAtomic(join(dir, 'out.json'), 'evil'));
    expect(error.message).toMatch(/refusing to replace .*out\.json: it is a symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'out.json')).isSymbolicLink()).toBe(true);
  });

  it('refuses a folder at the target and, without overwrite, an existing file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    expect(thrown(() => writeFileAtomic(join(dir, 'x'), 'a')).message).toMatch(/it is a folder/);
    writeFileSync(join(dir, 'y'), 'mine');
    expect(thrown(() => writeFileAtomic(join(dir, 'y'), 'a', { overwrite: false })).code).toBe('file_exists');
    expect(readFileSync(join(dir, 'y'), 'utf8')).toBe('mine');
  });

  it('names a missing parent folder', () => {
    const dir = tempDir();
    const error = thrown(() => writeFileAtomic(join(dir, 'nope', 'a.json'), 'a'));
    expect(error.message).toBe(`cannot write ${join(dir, 'nope', 'a.json')}: the folder ${join(dir, 'nope')} does not exist`);
    expect(error.exitCode).toBe(1);
  });
});

describe('fileSystemError', () => {
  it.each([
    ['ENOSPC', 'the disk is full', 'disk_full'],
    ['EROFS', 'read-only file system', 'read_only_file_system'],
    ['EACCES', 'permission denied', 'permission_denied'],
  ])('%s is said plainly', (errno, says, code) => {
    const error = fileSystemError(Object.assign(new Error(`${errno}: raw`), { code: errno, syscall: 'open' }), '/x/y.mp4', 'write');
    expect(error.message).toBe(`cannot write /x/y.mp4: ${says}`);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ file: '/x/y.mp4', errno });
  });
});

describe('openNoFollow', () => {
  it('refuses a symlink and a FIFO without blocking', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync(join(dir, 'real'), join(dir, 'a.part'));
    expect(thrown(() => openNoFollow(join(dir, 'a.part'), 'a')).code).toBe('unsafe_path');
    execFileSync('mkfifo', [join(dir, 'fifo.part')]);
    expect(thrown(() => openNoFollow(join(dir, 'fifo.part'), 'a')).message).toMatch(/not a regular file/);
    expect(readFileSync(join(dir, 'real'), 'utf8')).toBe('x');
  });
});

describe('acquireLock', () => {
  it('is refused while another live process holds it, and taken over once that process is gone', async () => {
    const path = join(tempDir(), 'a.mp4.part.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path, JSON.stringify({ pid: child.pid, host: hostname(), started: '' }));
      const error = thrown(() => acquireLock(path, { what: 'a.mp4' }));
      expect(error.code).toBe('file_locked');
      expect(error.message).toBe(`a.mp4 is in use by another twin process (pid ${child.pid}).`);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lock = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('reads a lock in the older format (the pid alone)', () => {
    const path = join(tempDir(), 'journal.lock');
    writeFileSync(path, String(process.ppid));
    expect(thrown(() => acquireLock(path)).message).toContain(`pid ${process.ppid}`);
    writeFileSync(path, '999999999'); // no such process: taken over
    acquireLock(path).release();
    expect(existsSync(path)).toBe(false);
  });

  it('is exclusive between two holders in one process, and free again after release', () => {
    const path = join(tempDir(), 'a.part.lock');
    const first = acquireLock(path);
    expect(thrown(() => acquireLock(path)).code).toBe('file_locked');
    first.release();
    acquireLock(path).release();
  });

  it('is exclusive within one process too until released', () => {
    const path = join(tempDir(), 'journal.lock');
    const lock = acquireLock(path);
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), started: '' }));
    expect(thrown(() => acquireLock(path)).code).toBe('file_locked');
    lock.release(); // not ours any more: left in place
    expect(existsSync(path)).toBe(true);
  });
});

describe('ensureDir', () => {
  it('creates a private folder and tightens an open one', () => {
    const dir = join(tempDir(), 'config');
    expect(ensureDir(dir, { mode: 0o700 })).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o777);
    expect(ensureDir(dir, { mode: 0o700 })).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
