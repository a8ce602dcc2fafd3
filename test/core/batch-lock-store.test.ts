// The lock file as a run writes it (core/batch/lock-store.ts): a finished row's entry keeps what
// the lock knew of the same video; writes merge into the file as it is on disk now, are spaced
// out, and a write error is kept for the end of the run, never thrown into it.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, formatLock, parseLock, type LockEntry } from '../../src/core/batch/lock-format.js';
import { entryFor, LockWriter, readLock } from '../../src/core/batch/lock-store.js';
import type { Task } from '../../src/core/batch/tasks.js';
import { TwinError, UsageError } from '../../src/shared/errors.js';
import { tempDir, until } from '../helpers/harness.js';

const FP = fingerprintOf({ script: 'x' });
const SHA = 'c'.repeat(64);
const task = (key: string, extra: Partial<Task> = {}): Task =>
  ({ row: { key, fingerprint: FP }, phase: 'done', videoId: `v_${key}`, attempt: 0, ...extra }) as unknown as Task;
const entry = (video: string, extra: Partial<LockEntry> = {}): LockEntry => ({
  fingerprint: FP,
  video_id: video,
  rendered_at: '2026-12-01T10:00:00.000Z',
  ...extra,
});
const lockOf = (rows: Record<string, LockEntry>) => ({ version: 1, rows: new Map(Object.entries(rows)) });
const translation = { fingerprint: fingerprintOf({ t: 1 }), id: 't1', file: 'a.fr.mp4', bytes: 3, sha256: SHA };

describe('entryFor', () => {
  it('only a done row with a video has an entry', () => {
    expect(entryFor(task('a', { phase: 'completed' }), undefined)).toBeUndefined();
    expect(entryFor(task('a', { videoId: undefined }), undefined)).toBeUndefined();
    expect(entryFor(task('a', { videoId: '' }), undefined)).toBeUndefined();
  });

  it('a new video: its file by bare name when all three are known, its render time, now when the time is unknown', () => {
    const before = Date.now();
    const fresh = entryFor(task('a', { file: '/out/dir/a.mp4', bytes: 5, sha256: SHA, renderSeconds: 12 }), undefined)!;
    expect(fresh).toStrictEqual({
      fingerprint: FP,
      video_id: 'v_a',
      rendered_at: fresh.rendered_at,
      file: 'a.mp4',
      bytes: 5,
      sha256: SHA,
      render_seconds: 12,
    });
    expect(Date.parse(fresh.rendered_at)).toBeGreaterThanOrEqual(before - 1);
    expect(entryFor(task('a', { file: 'C:\\out\\a.mp4', bytes: 5, sha256: SHA }), undefined)!.file).toBe('a.mp4');
    for (const partial of [
      { file: 'a.mp4', bytes: 5 },
      { file: 'a.mp4', sha256: SHA },
      { bytes: 5, sha256: SHA },
    ]) {
      expect(entryFor(task('a', { ...partial, renderedAt: '2026-12-03T00:00:00.000Z' }), undefined), JSON.stringify(partial)).toStrictEqual(
        {
          fingerprint: FP,
          video_id: 'v_a',
          rendered_at: '2026-12-03T00:00:00.000Z',
        },
      );
    }
  });

  it('the same video keeps what the lock knew: time, file, render time, translations; another video keeps nothing', () => {
    const known = entry('v_a', {
      file: 'old.mp4',
      bytes: 1,
      sha256: 'd'.repeat(64),
      render_seconds: 30,
      translations: { fr: translation },
    });
    expect(entryFor(task('a', { renderedAt: '2026-12-05T00:00:00.000Z' }), known)).toStrictEqual(known);
    expect(entryFor(task('a', { file: '/o/new.mp4', bytes: 2, sha256: SHA, renderSeconds: 8 }), known)).toStrictEqual({
      ...known,
      file: 'new.mp4',
      bytes: 2,
      sha256: SHA,
      render_seconds: 8,
    });
    expect(entryFor(task('a', { renderedAt: '2026-12-05T00:00:00.000Z' }), { ...known, video_id: 'v_other' })).toStrictEqual({
      fingerprint: FP,
      video_id: 'v_a',
      rendered_at: '2026-12-05T00:00:00.000Z',
    });
  });
});

describe('readLock', () => {
  it('none yet is undefined; a folder is an error naming it; a damaged one names its line', () => {
    const dir = tempDir();
    expect(readLock(join(dir, 'videos.csv.lock'))).toBeUndefined();
    mkdirSync(join(dir, 'folder.lock'));
    expect(() => readLock(join(dir, 'folder.lock'))).toThrow(TwinError);
    expect(() => readLock(join(dir, 'folder.lock'))).toThrow(join(dir, 'folder.lock'));
    writeFileSync(join(dir, 'bad.lock'), '{');
    expect(() => readLock(join(dir, 'bad.lock'))).toThrow(UsageError);
  });
});

describe('LockWriter', () => {
  it('merges its rows into the file as it is now, drops pruned rows, adds translations to rows it has', async () => {
    const path = join(tempDir(), 'videos.csv.lock');
    writeFileSync(path, formatLock(lockOf({ other: entry('v_other'), gone: entry('v_gone') })));
    const writer = new LockWriter(path, readLock(path));
    writer.record(task('a'));
    writer.drop('gone');
    writer.recordTranslation('a', 'fr', { ...translation, extra: 'not kept' } as typeof translation);
    writer.recordTranslation('a', 'de', { ...translation, id: 't2' });
    writer.recordTranslation('missing', 'fr', translation);
    expect(writer.pending).toBe(4);
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect(writer.error).toBeUndefined();
    const lock = readLock(path)!;
    expect([...lock.rows.keys()].sort()).toEqual(['a', 'other']);
    expect(lock.rows.get('a')!.translations).toStrictEqual({ fr: translation, de: { ...translation, id: 't2' } });
    expect(readFileSync(path, 'utf8')).toBe(formatLock(lock));
    // Nothing pending: flush writes nothing (a file changed meanwhile stays as it is).
    writeFileSync(path, 'changed by hand');
    await writer.flush();
    expect(readFileSync(path, 'utf8')).toBe('changed by hand');
  });

  it('records nothing for a row the lock already has as it is, or that is not done', async () => {
    const path = join(tempDir(), 'videos.csv.lock');
    const known = entry('v_a');
    const writer = new LockWriter(path, lockOf({ a: known }));
    writer.record(task('a', { renderedAt: known.rendered_at }));
    writer.record(task('b', { phase: 'failed' }));
    expect(writer.pending).toBe(0);
    await writer.flush();
    expect(existsSync(path)).toBe(false);
    // The same entry again after a change is recorded (the change must not win).
    writer.record(task('a', { videoId: 'v_new', renderedAt: known.rendered_at }));
    writer.record(task('a', { renderedAt: known.rendered_at }));
    expect(writer.pending).toBe(1);
    await writer.flush();
    expect(readLock(path)!.rows.get('a')!.video_id).toBe('v_a');
  });

  it('writes on its own, spaced out, without waiting for flush', async () => {
    const path = join(tempDir(), 'videos.csv.lock');
    const writer = new LockWriter(path, undefined);
    writer.record(task('a'));
    await until(() => existsSync(path), 'the first write');
    expect([...readLock(path)!.rows.keys()]).toEqual(['a']);
    const firstWrite = Date.now();
    writer.record(task('b'));
    await until(() => readLock(path)!.rows.has('b'), 'the second write');
    // At least 250 ms after the first write (a little less for timer rounding).
    expect(Date.now() - firstWrite).toBeGreaterThanOrEqual(200);
    await writer.flush();
  });

  it('keeps the first write error for the end and goes on', async () => {
    const dir = tempDir();
    const path = join(dir, 'videos.csv.lock');
    symlinkSync(join(dir, 'elsewhere'), path);
    const writer = new LockWriter(path, undefined);
    writer.record(task('a'));
    await writer.flush();
    expect(writer.error).toBeInstanceOf(TwinError);
    expect(writer.error!.message).toContain(path);
    expect(writer.pending).toBe(1);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('a lock twin cannot create its mutex beside is an error at once, not a wait', async () => {
    const writer = new LockWriter('/sys/videos.csv.lock', undefined);
    writer.record(task('a'));
    const started = Date.now();
    await writer.flush();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(writer.error).toBeInstanceOf(TwinError);
    expect(writer.error!.message).toContain('/sys/videos.csv.lock.busy');
  });

  it('waits for another writer of the same lock on this machine, and gives up on one that never lets go', async () => {
    const path = join(tempDir(), 'videos.csv.lock');
    const owner = JSON.stringify({ pid: process.ppid, host: hostname(), started: new Date().toISOString() });
    writeFileSync(`${path}.busy`, owner);
    const writer = new LockWriter(path, undefined);
    writer.record(task('a'));
    const flushed = writer.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(path)).toBe(false);
    // The other writer finishes: ours goes through.
    rmSync(`${path}.busy`);
    await flushed;
    expect(writer.error).toBeUndefined();
    expect(parseLock(readFileSync(path, 'utf8'), path).rows.has('a')).toBe(true);
    expect(existsSync(`${path}.busy`)).toBe(false);
  });
});
