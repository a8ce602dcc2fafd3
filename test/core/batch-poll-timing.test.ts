// Issue 28 in the batch core: the poll clock with rows that plan their own reads (each cycle a
// read of every row in it, the next at the earliest any wants, within maxMs), and the lock's
// render_seconds: written and read back, optional, checked, and kept by `batch lock merge`.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/shared/errors.js';
import { fingerprintOf, formatLock, parseLock, type LockEntry } from '../../src/core/batch/lock-format.js';
import { mergeLocks } from '../../src/core/batch/lock-merge.js';
import { entryFor } from '../../src/core/batch/lock-store.js';
import type { Task } from '../../src/core/batch/tasks.js';
import { PollClock } from '../../src/core/batch/poll-clock.js';

const entry = (video: string, extra: Partial<LockEntry> = {}, at = '2026-12-01T10:00:00.000Z'): LockEntry => ({
  fingerprint: fingerprintOf({ script: 'same' }),
  video_id: video,
  rendered_at: at,
  ...extra,
});
const lockOf = (rows: Record<string, LockEntry>) => ({ version: 1, rows: new Map(Object.entries(rows)) });

describe('the poll clock with planned rows', () => {
  it('the next cycle is the earliest row wants, at most maxMs after the last; each cycle is a read of every row in it', () => {
    const clock = new PollClock({ minMs: 100, maxMs: 15_000 });
    const asked: number[] = [];
    const plan = (wait: number) => (t: number) => (asked.push(t), wait);
    const a = { submittedAt: 1_000, plan: plan(40_000), nextAt: 3_000 };
    const b = { submittedAt: 2_000, plan: plan(5_000), nextAt: 4_000 };
    // Before any cycle: the plans alone (no poll at once).
    expect(clock.nextPollAt(2_000, [a, b])).toBe(3_000);
    clock.polled(3_000, [a, b]);
    expect(asked).toEqual([2_000, 1_000]);
    expect([a.nextAt, b.nextAt]).toEqual([43_000, 8_000]);
    expect(clock.nextPollAt(3_000, [a, b])).toBe(8_000);
    // b finished: a alone wants 43 s, the clock still reads within maxMs.
    expect(clock.nextPollAt(8_000, [a])).toBe(18_000);
    // A row without a plan keeps the old beat (a tenth of its age, at least minMs).
    expect(clock.nextPollAt(3_000, [a, { submittedAt: 0 }])).toBe(3_300);
  });
});

describe('lock render_seconds', () => {
  it('is written last on its row, read back, optional, and must be a positive number', () => {
    const text = formatLock(lockOf({ a: entry('vid_a', { render_seconds: 61.3 }), b: entry('vid_b') }));
    expect(text).toContain('"rendered_at":"2026-12-01T10:00:00.000Z","render_seconds":61.3}');
    const back = parseLock(text, 'videos.csv.lock');
    expect(back.rows.get('a')!.render_seconds).toBe(61.3);
    expect(back.rows.get('b')!.render_seconds).toBeUndefined();
    for (const bad of ['0', '-4', '"60"']) {
      const broken = text.replace('61.3', bad);
      expect(() => parseLock(broken, 'videos.csv.lock')).toThrow(UsageError);
      expect(() => parseLock(broken, 'videos.csv.lock')).toThrow(/row "a": render_seconds/);
    }
  });

  it('a finished row records its duration, and keeps the one the lock knew of the same video', () => {
    const task = (extra: Partial<Task>) =>
      ({
        row: { key: 'a', fingerprint: entry('x').fingerprint },
        phase: 'done',
        videoId: 'vid_a',
        renderedAt: '2026-12-02T00:00:00.000Z',
        ...extra,
      }) as Task;
    expect(entryFor(task({ renderSeconds: 42.5 }), undefined)!.render_seconds).toBe(42.5);
    expect(entryFor(task({}), entry('vid_a', { render_seconds: 30 }))!.render_seconds).toBe(30);
    expect(entryFor(task({}), entry('vid_other', { render_seconds: 30 }))!.render_seconds).toBeUndefined();
    expect(entryFor(task({ renderSeconds: 50 }), entry('vid_a', { render_seconds: 30 }))!.render_seconds).toBe(50);
  });

  it('lock merge keeps it; a side without it does not disagree; the newer render wins with its own', () => {
    const ours = lockOf({ a: entry('vid_a'), b: entry('vid_b', { render_seconds: 40 }), c: entry('vid_c', { render_seconds: 9 }) });
    const theirs = lockOf({
      a: entry('vid_a', { render_seconds: 55 }),
      b: entry('vid_b'),
      c: entry('vid_c2', {}, '2026-12-02T10:00:00.000Z'),
    });
    const { lock, resolved } = mergeLocks([
      { path: 'ours', lock: ours },
      { path: 'theirs', lock: theirs },
    ]);
    expect(lock.rows.get('a')!.render_seconds).toBe(55);
    expect(lock.rows.get('b')!.render_seconds).toBe(40);
    // c: a newer render of another video; the old video's duration is not its.
    expect(lock.rows.get('c')).toEqual(entry('vid_c2', {}, '2026-12-02T10:00:00.000Z'));
    expect(resolved).toEqual([{ row: 'c', from: 'theirs' }]);
    // Both orders give the same lock.
    const swapped = mergeLocks([
      { path: 'theirs', lock: theirs },
      { path: 'ours', lock: ours },
    ]);
    expect(formatLock(swapped.lock)).toBe(formatLock(lock));
  });
});

describe('lock merge keeps what either branch learnt about the same video (issue 24)', () => {
  const t = (language: string) => ({
    fingerprint: `fp-${language}`,
    id: `vt_${language}`,
    file: `a.${language}.mp4`,
    bytes: 1,
    sha256: 'a'.repeat(64),
  });
  it('two branches that translated one video into other languages: both languages stay, nothing to pay again', () => {
    const ours = lockOf({ a: entry('vid_a', { translations: { 'Spanish (Spain)': t('es') } }) });
    const theirs = lockOf({ a: entry('vid_a', { translations: { 'German (Germany)': t('de') } }) });
    const { lock, resolved } = mergeLocks([
      { path: 'ours', lock: ours },
      { path: 'theirs', lock: theirs },
    ]);
    expect(Object.keys(lock.rows.get('a')!.translations ?? {}).sort()).toEqual(['German (Germany)', 'Spanish (Spain)']);
    expect(resolved).toEqual([]);
  });

  it('a re-rendered video does not inherit the translations of the old one', () => {
    const ours = lockOf({ a: entry('vid_old', { translations: { 'Spanish (Spain)': t('es') } }) });
    const theirs = lockOf({ a: entry('vid_new', {}, '2026-12-02T10:00:00.000Z') });
    const { lock } = mergeLocks([
      { path: 'ours', lock: ours },
      { path: 'theirs', lock: theirs },
    ]);
    expect(lock.rows.get('a')).toEqual(entry('vid_new', {}, '2026-12-02T10:00:00.000Z'));
  });
});
