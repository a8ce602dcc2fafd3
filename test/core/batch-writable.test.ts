// The files a batch run writes, checked before the first create (core/batch/writable.ts): each way
// a path cannot be written is named, every bad file is listed, and a writable one leaves nothing
// behind (the probe file is removed).
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, type OutputFile } from '../../src/core/batch/writable.js';
import { UsageError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

const lock = (path: string): OutputFile => ({ path, what: 'the lock file', flag: '--lock', suggestion: 'Use --lock PATH.' });
const journal = (path: string): OutputFile => ({ path, what: 'the journal', flag: '--journal', suggestion: 'Use --journal PATH.' });

function refusal(files: OutputFile[]): UsageError {
  try {
    checkWritable(files);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('checkWritable', () => {
  it('passes a new file in a folder still to be made, and an existing file, leaving no probe behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'videos.csv.lock'), '{}');
    expect(() => checkWritable([lock(join(dir, 'videos.csv.lock')), journal(join(dir, 'out', 'deep', 'journal.jsonl'))])).not.toThrow();
    expect(() => checkWritable([])).not.toThrow();
    expect(readdirSync(dir)).toEqual(['videos.csv.lock']);
  });

  it('names a link, a folder and a FIFO, each with its reason, the first one’s flag and every suggestion once', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'link.lock'));
    mkdirSync(join(dir, 'folder.jsonl'));
    execFileSync('mkfifo', [join(dir, 'fifo.html')]);
    const error = refusal([
      lock(join(dir, 'link.lock')),
      journal(join(dir, 'folder.jsonl')),
      { path: join(dir, 'fifo.html'), what: 'the review page', flag: '--review', suggestion: 'Use --lock PATH.' },
      journal(join(dir, 'fine.jsonl')),
    ]);
    expect(error.message).toBe(
      `Cannot write the lock file ${join(dir, 'link.lock')} (it is a symbolic link, which twin never writes through); ` +
        `the journal ${join(dir, 'folder.jsonl')} (it is a folder); ` +
        `the review page ${join(dir, 'fifo.html')} (it is not a regular file (a FIFO, socket or device)). Nothing was sent.`,
    );
    expect(error.code).toBe('output_not_writable');
    expect(error.exitCode).toBe(2);
    expect(error.suggestion).toBe('Use --lock PATH. Use --journal PATH.');
    expect(error.details).toEqual({
      flag: '--lock',
      files: [
        { file: join(dir, 'link.lock'), what: 'the lock file', reason: 'it is a symbolic link, which twin never writes through' },
        { file: join(dir, 'folder.jsonl'), what: 'the journal', reason: 'it is a folder' },
        { file: join(dir, 'fifo.html'), what: 'the review page', reason: 'it is not a regular file (a FIFO, socket or device)' },
      ],
    });
  });

  it('a folder that refuses new files (/sys, even to root) is "permission denied"; a file in the way of a folder says why', () => {
    expect(refusal([journal('/sys/twin-journal.jsonl')]).details).toMatchObject({
      flag: '--journal',
      files: [{ file: '/sys/twin-journal.jsonl', reason: 'permission denied' }],
    });
    const dir = tempDir();
    writeFileSync(join(dir, 'out'), 'a file');
    const error = refusal([lock(join(dir, 'out', 'videos.csv.lock'))]);
    expect(error.message).toContain(`Cannot write the lock file ${join(dir, 'out', 'videos.csv.lock')} (ENOTDIR: not a directory`);
  });

  it('an immutable file or folder (EPERM, even to root) is "permission denied" (skipped where chattr cannot set it)', (t) => {
    const dir = tempDir();
    const file = join(dir, 'videos.csv.lock');
    writeFileSync(file, '{}');
    mkdirSync(join(dir, 'frozen'));
    try {
      execFileSync('chattr', ['+i', file, join(dir, 'frozen')], { stdio: 'ignore' });
    } catch {
      t.skip();
    }
    try {
      const error = refusal([lock(file), journal(join(dir, 'frozen', 'journal.jsonl'))]);
      expect(error.details).toMatchObject({
        files: [
          { file, reason: 'permission denied' },
          { file: join(dir, 'frozen', 'journal.jsonl'), reason: 'permission denied' },
        ],
      });
    } finally {
      execFileSync('chattr', ['-i', file, join(dir, 'frozen')]);
    }
  });

  it('a folder on a read-only file system says so (needs a bind mount)', (t) => {
    const ro = join(tempDir(), 'ro');
    mkdirSync(ro);
    try {
      execFileSync('mount', ['--bind', '-o', 'ro', ro, ro], { stdio: 'ignore' });
    } catch {
      t.skip();
    }
    try {
      expect(refusal([lock(join(ro, 'videos.csv.lock'))]).details).toMatchObject({
        files: [{ file: join(ro, 'videos.csv.lock'), reason: 'it is on a read-only file system' }],
      });
    } finally {
      execFileSync('umount', [ro]);
    }
  });

  it.skipIf(process.getuid?.() === 0)('as a user: an existing file without write permission is refused (root may write any)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'videos.csv.lock'), '{}');
    chmodSync(join(dir, 'videos.csv.lock'), 0o444);
    expect(refusal([lock(join(dir, 'videos.csv.lock'))]).message).toContain('(permission denied)');
  });
});
