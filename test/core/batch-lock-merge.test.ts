// Merging lock files (core/batch/lock-merge.ts): per row the newest render, then the entry that
// knows its file, then the later input; what either side learnt about the same video is added;
// a conflicted file splits into the two whole files it was (diff3 bases dropped).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, formatLock, type LockEntry } from '../../src/core/batch/lock-format.js';
import { conflictSides, mergeLocks, readMergeInputs } from '../../src/core/batch/lock-merge.js';
import { TwinError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-02T10:00:00.000Z';
const entry = (video: string, at = AT, extra: Partial<LockEntry> = {}): LockEntry => ({
  fingerprint: fingerprintOf({ script: video }),
  video_id: video,
  rendered_at: at,
  ...extra,
});
const lockOf = (rows: Record<string, LockEntry>) => ({ version: 1, rows: new Map(Object.entries(rows)) });
const fileOf = (name: string) => ({ file: name, bytes: 10, sha256: 'a'.repeat(64) });
const translation = (lang: string) => ({
  fingerprint: fingerprintOf({ lang }),
  id: `t_${lang}`,
  file: `x.${lang}.mp4`,
  bytes: 1,
  sha256: 'b'.repeat(64),
});
const merge = (...locks: Array<Record<string, LockEntry>>) => mergeLocks(locks.map((rows, i) => ({ path: `in${i}`, lock: lockOf(rows) })));

describe('mergeLocks', () => {
  it('same render: the later input is kept only when it knows the file; a tie goes to the later input', () => {
    // Same time, other videos: the one with a file wins, whichever side it is on.
    expect(merge({ a: entry('v1', AT, fileOf('a.mp4')) }, { a: entry('v2') }).lock.rows.get('a')!.video_id).toBe('v1');
    expect(merge({ a: entry('v1') }, { a: entry('v2', AT, fileOf('a.mp4')) }).lock.rows.get('a')!.video_id).toBe('v2');
    // Both know their file, or neither: the later input.
    expect(merge({ a: entry('v1', AT, fileOf('a.mp4')) }, { a: entry('v2', AT, fileOf('b.mp4')) }).lock.rows.get('a')!.video_id).toBe('v2');
    const tie = merge({ a: entry('v1') }, { a: entry('v2') });
    expect(tie.lock.rows.get('a')!.video_id).toBe('v2');
    expect(tie.resolved).toEqual([{ row: 'a', from: 'in1' }]);
    // An older render never wins, even with its file.
    expect(merge({ a: entry('v1', LATER) }, { a: entry('v2', AT, fileOf('a.mp4')) }).lock.rows.get('a')!.video_id).toBe('v1');
  });

  it('lists the rows that disagreed, sorted, with the input kept', () => {
    const merged = merge(
      { b: entry('b1'), a: entry('a1', LATER), c: entry('c') },
      { b: entry('b2', LATER), a: entry('a2'), c: entry('c') },
    );
    expect(merged.resolved).toEqual([
      { row: 'a', from: 'in0' },
      { row: 'b', from: 'in1' },
    ]);
    expect(merged.lock.version).toBe(1);
  });

  it('adds what either side learnt of the same video, and adds nothing that neither knew', () => {
    const plain = merge({ a: entry('v1') }, { a: entry('v1') });
    expect(plain.lock.rows.get('a')).toStrictEqual(entry('v1'));
    expect(plain.resolved).toEqual([]);
    const learnt = merge(
      { a: entry('v1', AT, { translations: { fr: translation('fr') } }) },
      { a: entry('v1', AT, { render_seconds: 42 }) },
    );
    expect(learnt.lock.rows.get('a')).toStrictEqual(entry('v1', AT, { translations: { fr: translation('fr') }, render_seconds: 42 }));
    const theirs = merge(
      { a: entry('v1', AT, { render_seconds: 7 }) },
      { a: entry('v1', AT, { translations: { de: translation('de') }, render_seconds: 9 }) },
    );
    expect(theirs.lock.rows.get('a')).toStrictEqual(entry('v1', AT, { render_seconds: 7, translations: { de: translation('de') } }));
    const both = merge(
      { a: entry('v1', AT, { translations: { fr: translation('fr') } }) },
      { a: entry('v1', AT, { translations: { de: translation('de'), fr: { ...translation('fr'), id: 'other' } } }) },
    );
    expect(both.lock.rows.get('a')!.translations).toEqual({ de: translation('de'), fr: translation('fr') });
    // Another video's translations are of other bytes: not added.
    const other = merge({ a: entry('v1', LATER) }, { a: entry('v2', AT, { translations: { fr: translation('fr') }, render_seconds: 3 }) });
    expect(other.lock.rows.get('a')).toStrictEqual(entry('v1', LATER));
  });
});

describe('conflictSides', () => {
  it('is undefined without a starting marker', () => {
    expect(conflictSides('{\n  "rows": {}\n}\n')).toBeUndefined();
    expect(conflictSides('{\n=======\n>>>>>>> x\n}')).toBeUndefined();
    expect(conflictSides('{\n x <<<<<<< y\n}')).toBeUndefined();
    expect(conflictSides('{\n<<<<<<<x\n}')).toBeUndefined();
  });

  it('splits bare markers and diff3 bases; marker-like lines outside a conflict stay on both sides', () => {
    const text = [
      'top',
      '||||||| stray',
      '=======',
      '>>>>>>> stray',
      'a =======',
      'a <<<<<<< b',
      '<<<<<<<',
      'ours',
      '|||||||',
      'base',
      '=======',
      'theirs',
      '>>>>>>>',
      'end',
    ].join('\n');
    expect(conflictSides(text)).toEqual([
      ['top', '||||||| stray', '=======', '>>>>>>> stray', 'a =======', 'a <<<<<<< b', 'ours', 'end'].join('\n'),
      ['top', '||||||| stray', '=======', '>>>>>>> stray', 'a =======', 'a <<<<<<< b', 'theirs', 'end'].join('\n'),
    ]);
    // Lines that only look like markers inside a conflict are content.
    const inside = [
      '<<<<<<< HEAD',
      'o |||||||',
      '|||||||x',
      '=======x',
      'x =======',
      'x >>>>>>>',
      'x <<<<<<< y',
      '=======',
      't',
      '>>>>>>>x',
      't >>>>>>> x',
      '>>>>>>> b',
      'end',
    ].join('\n');
    expect(conflictSides(inside)).toEqual([
      ['o |||||||', '|||||||x', '=======x', 'x =======', 'x >>>>>>>', 'x <<<<<<< y', 'end'].join('\n'),
      ['t', '>>>>>>>x', 't >>>>>>> x', 'end'].join('\n'),
    ]);
  });
});

describe('readMergeInputs', () => {
  it('one lock is one input; a conflicted one is both sides, named; a missing file says so', () => {
    const dir = tempDir();
    const path = join(dir, 'videos.csv.lock');
    const ours = formatLock(lockOf({ a: entry('v1') }));
    writeFileSync(path, ours);
    expect(readMergeInputs(path)).toEqual([{ path, lock: lockOf({ a: entry('v1') }) }]);
    const theirs = formatLock(lockOf({ a: entry('v2') }));
    const o = ours.split('\n');
    const t = theirs.split('\n');
    writeFileSync(path, [...o.slice(0, 4), '<<<<<<< HEAD', o[4], '=======', t[4], '>>>>>>> b', ...o.slice(5)].join('\n'));
    expect(readMergeInputs(path)).toEqual([
      { path: `${path} (ours)`, lock: lockOf({ a: entry('v1') }) },
      { path: `${path} (theirs)`, lock: lockOf({ a: entry('v2') }) },
    ]);
    // A side that does not parse is named as that side.
    writeFileSync(path, [...o.slice(0, 4), '<<<<<<< HEAD', o[4], '=======', '    "a": 5', '>>>>>>> b', ...o.slice(5)].join('\n'));
    expect(() => readMergeInputs(path)).toThrow(`${path} (theirs):5: row "a"`);
    writeFileSync(path, [...o.slice(0, 4), '<<<<<<< HEAD', '    "a": 5', '=======', t[4], '>>>>>>> b', ...o.slice(5)].join('\n'));
    expect(() => readMergeInputs(path)).toThrow(`${path} (ours):5: row "a"`);
    let error: unknown;
    try {
      readMergeInputs(join(dir, 'none.lock'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TwinError);
    expect((error as TwinError).message).toBe(`cannot read ${join(dir, 'none.lock')}: no such file or folder`);
  });
});
