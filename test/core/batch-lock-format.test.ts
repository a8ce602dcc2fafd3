// The lock file's format: stable sorted text, and every way a lock can be wrong (damaged,
// from a newer twin, edited into nonsense, left with git conflict markers) is an error naming
// the file and line. A conflicted lock merges both sides; shard locks merge to the newest render.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/shared/errors.js';
import { fingerprintOf, formatLock, parseLock, type LockEntry } from '../../src/core/batch/lock-format.js';
import { conflictSides, mergeLocks } from '../../src/core/batch/lock-merge.js';

const entry = (video: string, at = '2026-12-01T10:00:00.000Z', extra: Partial<LockEntry> = {}): LockEntry => ({
  fingerprint: fingerprintOf({ script: video }),
  video_id: video,
  rendered_at: at,
  ...extra,
});
const lockOf = (rows: Record<string, LockEntry>) => ({ version: 1, rows: new Map(Object.entries(rows)) });

function errorOf(text: string): UsageError {
  try {
    parseLock(text, 'videos.csv.lock');
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('lock file format', () => {
  it('writes rows sorted, one a line, and reads back what it wrote', () => {
    const lock = lockOf({ b: entry('vid_b'), a: entry('vid_a', undefined, { file: 'a.mp4', bytes: 10, sha256: 'f'.repeat(64) }) });
    const text = formatLock(lock);
    expect(text.split('\n').filter((l) => l.startsWith('    "'))).toEqual([
      `    "a": {"fingerprint":"${lock.rows.get('a')!.fingerprint}","video_id":"vid_a","rendered_at":"2026-12-01T10:00:00.000Z","file":"a.mp4","bytes":10,"sha256":"${'f'.repeat(64)}"},`,
      `    "b": {"fingerprint":"${lock.rows.get('b')!.fingerprint}","video_id":"vid_b","rendered_at":"2026-12-01T10:00:00.000Z"}`,
    ]);
    expect(formatLock(parseLock(text, 'x'))).toBe(text);
    // The fingerprint covers local media too (see lock-format.ts).
    expect(fingerprintOf({ script: 'x' }, { audio: 'a'.repeat(64) })).not.toBe(fingerprintOf({ script: 'x' }));
  });

  it('names the file and line of a damaged, future, invalid or conflicted lock', () => {
    const good = formatLock(lockOf({ a: entry('vid_a'), b: entry('vid_b') }));
    const cut = errorOf(good.slice(0, good.length - 10));
    expect(cut.message).toMatch(/^videos\.csv\.lock:\d+: the lock file is not valid JSON/);
    expect(cut.exitCode).toBe(2);

    const future = errorOf(good.replace('"lockfile_version": 1', '"lockfile_version": 7'));
    expect(future.message).toBe('videos.csv.lock:2: the lock file has format version 7; this heygen-twin reads version 1');
    expect(future.suggestion).toMatch(/Upgrade heygen-twin/);

    const badSha = errorOf(good.replace('"video_id":"vid_b"', '"video_id":"vid_b","sha256":"zz"'));
    expect(badSha.message).toMatch(/^videos\.csv\.lock:6: row "b": sha256 must be 64 hex digits/);
    const escape = errorOf(
      good.replace('"video_id":"vid_a"', '"video_id":"vid_a","file":"../../etc/passwd","bytes":1,"sha256":"' + 'a'.repeat(64) + '"'),
    );
    expect(escape.message).toMatch(/^videos\.csv\.lock:5: row "a": file must be a bare file name/);

    const lines = good.split('\n');
    const conflicted = [
      ...lines.slice(0, 4),
      '<<<<<<< HEAD',
      lines[4],
      '=======',
      lines[4]!.replace('vid_b', 'vid_c'),
      '>>>>>>> feature',
      ...lines.slice(5),
    ].join('\n');
    const conflict = errorOf(conflicted);
    expect(conflict.message).toBe('videos.csv.lock:5: the lock file has git merge conflict markers');
    expect(conflict.suggestion).toContain('twin batch lock merge videos.csv.lock');
  });

  it('a conflicted lock splits into both sides, and merging keeps the newer render of each row', () => {
    const base = lockOf({ a: entry('vid_a'), b: entry('vid_b') });
    const ours = formatLock(lockOf({ a: entry('vid_a2', '2026-12-02T09:00:00.000Z'), b: entry('vid_b') }));
    const theirs = formatLock(lockOf({ a: entry('vid_a'), b: entry('vid_b2', '2026-12-02T08:00:00.000Z'), c: entry('vid_c') }));
    expect(base.rows.size).toBe(2);
    const o = ours.split('\n');
    const t = theirs.split('\n');
    // What git writes: the differing middle as one hunk.
    const conflicted = [
      ...o.slice(0, 4),
      '<<<<<<< HEAD',
      ...o.slice(4, 6),
      '=======',
      ...t.slice(4, 7),
      '>>>>>>> other',
      ...o.slice(6),
    ].join('\n');
    const [left, right] = conflictSides(conflicted)!;
    expect(left).toBe(ours);
    expect(right).toBe(theirs);
    const merged = mergeLocks([
      { path: 'ours', lock: parseLock(left, 'ours') },
      { path: 'theirs', lock: parseLock(right, 'theirs') },
    ]);
    expect(Object.fromEntries([...merged.lock.rows].map(([k, e]) => [k, e.video_id]))).toEqual({ a: 'vid_a2', b: 'vid_b2', c: 'vid_c' });
    expect(merged.resolved).toEqual([
      { row: 'a', from: 'ours' },
      { row: 'b', from: 'theirs' },
    ]);
  });
});
