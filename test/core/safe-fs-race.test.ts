// openNoFollow checks the path with lstat, then opens it. A link planted between the two (another
// program racing twin) must still be refused by the open itself (O_NOFOLLOW), not written through:
// here lstat is wrapped so the link appears right after it looked, deterministically.
import { thrown } from '../helpers/thrown.js';
import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openNoFollow, writeFileAtomic } from '../../src/shared/safe-fs.js';
import { tempDir } from '../helpers/harness.js';

/** Runs once, just after the next lstat of `path` (whatever lstat found). */
const race = vi.hoisted(() => ({ path: undefined as string | undefined, plant: () => {} }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const lstat = ((path: Parameters<typeof fs.lstatSync>[0], options?: Parameters<typeof fs.lstatSync>[1]) => {
    try {
      return fs.lstatSync(path, options);
    } finally {
      if (race.path !== undefined && String(path) === race.path) {
        race.path = undefined;
        race.plant();
      }
    }
  }) as typeof fs.lstatSync;
  return { ...fs, lstatSync: lstat, default: { ...fs, lstatSync: lstat } };
});

afterEach(() => {
  race.path = undefined;
});

describe('openNoFollow against a link planted after its lstat', () => {
  it.each(['a', 'r+', 'w'] as const)("opening with '%s' refuses the link instead of following it", (flags) => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const path = join(dir, 'video.mp4.part');
    // 'r+' needs a file there when lstat looks: a regular one, swapped for the link afterwards.
    if (flags === 'r+') writeFileSync(path, '');
    race.path = path;
    race.plant = () => {
      rmSync(path, { force: true });
      symlinkSync(victim, path);
    };
    const error = thrown(() => openNoFollow(path, flags));
    expect(race.path).toBeUndefined(); // the link was planted, after the lstat
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(error).toMatchObject({ code: 'unsafe_path' });
    expect(error.message).toContain('it is a symbolic link');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
});

describe('a FIFO planted after the lstat', () => {
  it.each([
    ['r', 'read'],
    ['w', 'write'],
  ] as const)("opening with '%s' refuses it at once (and closes what it opened)", (flags, action) => {
    const path = join(tempDir(), 'video.mp4.part');
    race.path = path;
    race.plant = () => execFileSync('mkfifo', [path]);
    const next = openSync('/dev/null', 'r');
    closeSync(next);
    const error = thrown(() => openNoFollow(path, flags));
    expect(race.path).toBeUndefined();
    expect(error.message).toBe(`refusing to ${action} ${path}: it is not a regular file`);
    expect(() => fstatSync(next)).toThrow(); // the FIFO opened for reading was closed again
  });
});

describe('writeFileAtomic without overwrite, against a file created after its check', () => {
  it('fails as "exists" instead of replacing it, and leaves no temp file', () => {
    const dir = tempDir();
    const path = join(dir, 'once.json');
    race.path = path;
    race.plant = () => writeFileSync(path, 'theirs');
    const error = thrown(() => writeFileAtomic(path, 'ours', { overwrite: false }));
    expect(race.path).toBeUndefined();
    expect(error).toMatchObject({ code: 'file_exists', message: `cannot write ${path}: it already exists` });
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['once.json']);
  });
});
