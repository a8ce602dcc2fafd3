// The output checks made before anything is paid for (core/download/output-check.ts and
// target-check.ts), called directly: which folder is probed, every refusal in its words (issue 27:
// the command tests reach these only through whole runs). Root can write almost anywhere, so the
// refusals use what refuses even root: /sys takes no new file (EACCES), /proc none either (ENOENT).
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFolderBeforePaying, checkOutputPath } from '../../src/core/download/output-check.js';
import { checkTargetBeforePaying } from '../../src/core/download/target-check.js';
import { UsageError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

function refusal(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return error as UsageError;
  }
  throw new Error('expected a refusal');
}

/** A folder with a regular file `afile` and a folder `sub` in it. */
function workspace(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'afile'), 'x');
  mkdirSync(join(dir, 'sub'));
  return dir;
}

const WRITE_SUGGESTION = "Choose a folder you can write to, or fix the folder's permissions.";

describe('checkOutputPath', () => {
  it('checks nothing without a download', () => {
    const dir = workspace();
    expect(() => checkOutputPath({}, 'afile/x', dir)).not.toThrow();
  });

  it('--download alone: the output folder, named as given', () => {
    const dir = workspace();
    expect(() => checkOutputPath({ download: true }, 'new/deeper', dir)).not.toThrow();
    const error = refusal(() => checkOutputPath({ download: true }, 'afile/out', dir));
    expect(error.message).toBe(`--download: cannot create the folder for afile/out: ${join(dir, 'afile')} is a file; nothing was created.`);
    expect(error).toMatchObject({ suggestion: 'Choose another path.', details: { flag: '--download' } });
    expect(refusal(() => checkOutputPath({ download: true }, '/sys/twin-out', dir, '-o')).message).toBe(
      '-o: cannot create /sys/twin-out inside /sys (permission denied); nothing was created.',
    );
  });

  it('a path ending in a slash names a folder: a file there is refused', () => {
    const dir = workspace();
    const error = refusal(() => checkOutputPath({ download: 'afile/' }, '.', dir, '-o'));
    expect(error.message).toBe('-o: afile/ is a file, not a folder; nothing was created.');
    expect(error).toMatchObject({ suggestion: 'Give a folder (or a file name without the trailing slash).', details: { flag: '-o' } });
    // Without the slash it names the file itself (the download decides about replacing it).
    expect(() => checkOutputPath({ download: 'afile' }, '.', dir)).not.toThrow();
    expect(() => checkOutputPath({ download: 'sub/' }, '.', dir)).not.toThrow();
  });

  it('probes the folder a path names, or the folder a file goes in', () => {
    const dir = workspace();
    // An existing folder is where the file goes; a file name's folder is its parent.
    expect(refusal(() => checkOutputPath({ download: '/sys/kernel' }, '.', dir)).message).toBe(
      '--download: /sys/kernel is not writable (permission denied); nothing was created.',
    );
    expect(refusal(() => checkOutputPath({ download: '/sys/talk.mp4' }, '.', dir)).message).toBe(
      '--download: /sys is not writable (permission denied); nothing was created.',
    );
    // A path with a trailing slash is a folder even before it exists.
    expect(refusal(() => checkOutputPath({ download: '/sys/new/' }, '.', dir)).message).toBe(
      '--download: cannot create /sys/new inside /sys (permission denied); nothing was created.',
    );
    const error = refusal(() => checkOutputPath({ download: 'afile/sub/talk.mp4' }, '.', dir));
    expect(error.message).toBe(
      `--download: cannot create the folder for afile/sub/talk.mp4: ${join(dir, 'afile')} is a file; nothing was created.`,
    );
    // A relative path is taken from cwd, not from the process's own folder.
    expect(() => checkOutputPath({ download: 'sub/talk.mp4' }, '.', dir)).not.toThrow();
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });
});

describe('checkFolderBeforePaying', () => {
  it('walks up to the nearest folder that exists and probes it, leaving nothing behind', () => {
    const dir = workspace();
    expect(() => checkFolderBeforePaying(join(dir, 'a', 'b', 'c'), '-o', 'x')).not.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['afile', 'sub']);
    expect(() => checkFolderBeforePaying(join(dir, 'sub'), '-o', 'x')).not.toThrow();
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it('names the errno when it is not a permission problem', () => {
    const error = refusal(() => checkFolderBeforePaying('/proc/twin-out/x', '--srt', 'out.srt'));
    expect(error.message).toBe('--srt: cannot create /proc/twin-out/x inside /proc (ENOENT); nothing was created.');
    expect(error).toMatchObject({ suggestion: WRITE_SUGGESTION, details: { flag: '--srt' } });
    const denied = refusal(() => checkFolderBeforePaying('/sys', '--srt', 'out.srt'));
    expect(denied.message).toBe('--srt: /sys is not writable (permission denied); nothing was created.');
  });

  it('a file on the way up is named', () => {
    const dir = workspace();
    const error = refusal(() => checkFolderBeforePaying(join(dir, 'afile', 'x', 'y'), '-o', 'shown/x'));
    expect(error.message).toBe(`-o: cannot create the folder for shown/x: ${join(dir, 'afile')} is a file; nothing was created.`);
  });
});

describe('checkTargetBeforePaying', () => {
  it('an absent file in a writable folder is fine; a file there needs force', () => {
    const dir = workspace();
    expect(() => checkTargetBeforePaying(join(dir, 'new.mp3'), { flag: '-o', force: false })).not.toThrow();
    expect(() => checkTargetBeforePaying(join(dir, 'deeper', 'new.mp3'), { flag: '-o', force: false })).not.toThrow();
    const target = join(dir, 'afile');
    const error = refusal(() => checkTargetBeforePaying(target, { flag: '-o', force: false }));
    expect(error.message).toBe(`-o: ${target} already exists.`);
    expect(error).toMatchObject({
      suggestion: 'Pass --force to replace it, or name another path; nothing was sent.',
      details: { flag: '-o' },
    });
    expect(() => checkTargetBeforePaying(target, { flag: '-o', force: true })).not.toThrow();
  });

  it('a link (even a dangling one) is a file there; with force it is replaced itself', () => {
    const dir = workspace();
    const link = join(dir, 'link.mp3');
    symlinkSync(join(dir, 'nowhere'), link);
    expect(refusal(() => checkTargetBeforePaying(link, { flag: '-o', force: false })).message).toBe(`-o: ${link} already exists.`);
    expect(() => checkTargetBeforePaying(link, { flag: '-o', force: true })).not.toThrow();
    const toFolder = join(dir, 'to-folder');
    symlinkSync(join(dir, 'sub'), toFolder);
    expect(() => checkTargetBeforePaying(toFolder, { flag: '-o', force: true })).not.toThrow();
  });

  it('a folder or a FIFO is never written, even with force', () => {
    const dir = workspace();
    const folder = join(dir, 'sub');
    const error = refusal(() => checkTargetBeforePaying(folder, { flag: '--srt', force: true }));
    expect(error.message).toBe(`--srt: ${folder} is a folder; name a file.`);
    expect(error.details).toEqual({ flag: '--srt' });
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const notRegular = refusal(() => checkTargetBeforePaying(fifo, { flag: '--srt', force: true }));
    expect(notRegular.message).toBe(`--srt: ${fifo} is not a regular file (a FIFO, socket or device); twin never writes there.`);
    expect(notRegular).toMatchObject({ suggestion: 'Name another path; nothing was sent.', details: { flag: '--srt' } });
  });

  it('with only the folder known, the path itself is not looked at', () => {
    const dir = workspace();
    expect(() => checkTargetBeforePaying(join(dir, 'sub'), { flag: '-o', force: false, folderOnly: true })).not.toThrow();
    expect(() => checkTargetBeforePaying(join(dir, 'afile'), { flag: '-o', force: false, folderOnly: true })).not.toThrow();
    expect(refusal(() => checkTargetBeforePaying('/sys/x.mp3', { flag: '-o', force: true, folderOnly: true })).message).toBe(
      '-o: /sys is not writable (permission denied); nothing was created.',
    );
  });

  it('a path that cannot be looked at is refused, naming why', () => {
    const dir = workspace();
    const long = join(dir, 'x'.repeat(300));
    const error = refusal(() => checkTargetBeforePaying(long, { flag: '-o', force: true }));
    expect(error.message).toBe(`${long} cannot be checked (ENAMETOOLONG).`);
  });
});
