// The lock file's format: stable sorted text, and every way a lock can be wrong (damaged,
// from a newer twin, edited into nonsense, left with git conflict markers) is an error naming
// the file and line. A conflicted lock merges both sides; shard locks merge to the newest render.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/shared/errors.js';
import {
  fingerprintDigest,
  fingerprintInput,
  fingerprintOf,
  fingerprintText,
  formatLock,
  lockedTranslations,
  parseLock,
  type LockEntry,
} from '../../src/core/batch/lock-format.js';
import { canonicalJson } from '../../src/core/batch/keys.js';
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

describe('lock file format, edge by edge (issue 27)', () => {
  const fp = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
  const head = '{\n  "lockfile_version": 1,\n  "rows": {\n';
  const lockText = (rows: string[]) => `${head}${rows.map((r) => `    ${r}`).join(',\n')}\n  }\n}\n`;
  const row = (key: string, fields: Record<string, unknown> = {}) =>
    `${JSON.stringify(key)}: ${JSON.stringify({ fingerprint: fp(1), video_id: 'v1', rendered_at: '2026-12-01T10:00:00.000Z', ...fields })}`;

  it('writes the generator line and an empty lock exactly', () => {
    expect(formatLock(lockOf({}))).toBe(
      '{\n  "lockfile_version": 1,\n  "generator": "heygen-twin: twin batch run; commit this file",\n  "rows": {}\n}\n',
    );
    expect(parseLock(formatLock(lockOf({})), 'x').rows.size).toBe(0);
  });

  it('sorts row keys by code point, in any input order', () => {
    const keys = ['é', 'b', 'a', 'B', 'a2', 'Z', '_'];
    const text = formatLock(lockOf(Object.fromEntries(keys.map((k) => [k, entry('v')]))));
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('    "'))
        .map((l) => JSON.parse(l.slice(4, l.indexOf('":') + 1))),
    ).toEqual(['B', 'Z', '_', 'a', 'a2', 'b', 'é']);
  });

  it('the fingerprint of a planned row is the one fingerprintOf gives', () => {
    const body = { script: 'hi', avatar_id: 'lk' };
    const media = { 'local-file:a.mp3': 'a'.repeat(64) };
    expect(fingerprintInput(canonicalJson(body), media)).toBe(canonicalJson({ body, media }));
    const digest = fingerprintDigest(fingerprintInput(canonicalJson(body), media));
    expect(typeof digest).toBe('string');
    expect(digest).toHaveLength(32);
    expect(fingerprintText(digest)).toBe(fingerprintOf(body, media));
  });

  it('lists every translation fingerprint it holds', () => {
    expect(lockedTranslations(undefined)).toEqual(new Set());
    const t = (n: number) => ({ fingerprint: fp(n), id: `t${n}`, file: `f${n}.mp4`, bytes: 1, sha256: 'a'.repeat(64) });
    const lock = lockOf({
      a: entry('va', undefined, { translations: { fr: t(2), de: t(3) } }),
      b: entry('vb'),
      c: entry('vc', undefined, { translations: { es: t(4) } }),
    });
    expect(lockedTranslations(lock)).toEqual(new Set([fp(2), fp(3), fp(4)]));
  });

  it('file, bytes and sha256 go together; a file name may not start with a dot', () => {
    const sha = 'a'.repeat(64);
    expect(parseLock(lockText([row('a', { file: 'a.mp4', bytes: 1, sha256: sha }), row('b')]), 'l').rows.size).toBe(2);
    expect(parseLock(lockText([row('a', { file: 'a.', bytes: 1, sha256: sha })]), 'l').rows.get('a')!.file).toBe('a.');
    for (const fields of [
      { file: 'a.mp4' },
      { bytes: 1 },
      { sha256: sha },
      { file: 'a.mp4', bytes: 1 },
      { file: 'a.mp4', sha256: sha },
      { bytes: 1, sha256: sha },
    ]) {
      expect(errorOf(lockText([row('a', fields)])).message, JSON.stringify(fields)).toBe(
        'videos.csv.lock:4: row "a": file, bytes and sha256 go together',
      );
    }
    expect(errorOf(lockText([row('b'), row('a', { file: '.env', bytes: 1, sha256: sha })])).message).toBe(
      'videos.csv.lock:5: row "a": file must be a bare file name (no folders)',
    );
    const notObject = errorOf(lockText(['"a": 5']));
    expect(notObject.message).toMatch(/^videos\.csv\.lock:4: row "a": Invalid input/);
  });

  it('a damaged lock: the code, the file and line in details, and how to repair it', () => {
    const empty = errorOf(' \n\n');
    expect(empty.message).toBe('videos.csv.lock:1: the lock file is empty');
    expect(empty.code).toBe('invalid_lock');
    expect(empty.details).toEqual({ file: 'videos.csv.lock', line: 1 });
    expect(empty.suggestion).toBe(
      'Restore it from git (`git checkout -- videos.csv.lock`), or pass --no-lock to run without it; nothing was sent.',
    );
    expect(errorOf('').message).toBe('videos.csv.lock:1: the lock file is empty');
    // The line of the position JSON.parse names (positions of two digits and more), or the last line.
    expect(errorOf(`${head}    "a": 1\n    "b": 2\n  }\n}\n`).details).toEqual({ file: 'videos.csv.lock', line: 5 });
    const cut = `${head}    ${row('a')},\n`;
    expect(errorOf(cut).details).toMatchObject({ line: 5 });
    expect(errorOf(`${head}    ${row('a')},`).details).toMatchObject({ line: 4 });
    // No position in the message (the text ends too soon): the last line.
    expect(errorOf(`${head}    "a": `).message).toBe('videos.csv.lock:4: the lock file is not valid JSON (Unexpected end of JSON input)');
    // A position on a line break (inside a string): the line it ends, not the next.
    expect(errorOf(`${head}    "a\nb": 1}}`).details).toMatchObject({ line: 4 });
  });

  it('top-level problems: null, a missing or unknown field, a version that is not a whole number', () => {
    expect(errorOf('null').message).toMatch(/^videos\.csv\.lock:1: /);
    expect(errorOf('{\n  "lockfile_version": 1\n}\n').message).toMatch(/^videos\.csv\.lock:1: "rows" /);
    const extra = errorOf('{\n  "lockfile_version": 1,\n  "rows": {},\n  "extra": true\n}\n');
    expect(extra.message).toBe('videos.csv.lock:1: Unrecognized key: "extra"');
    expect(extra.message).not.toContain('""');
    expect(errorOf('{\n  "lockfile_version": 1,\n  "rows": 5\n}\n').message).toMatch(/^videos\.csv\.lock:3: "rows" /);
    for (const version of ['"7"', '1.5', '0']) {
      const error = errorOf(`{\n  "rows": {},\n  "lockfile_version": ${version}\n}\n`);
      expect(error.message, version).toMatch(/^videos\.csv\.lock:3: "lockfile_version" /);
      expect(error.message, version).not.toContain('format version');
    }
  });

  it('git conflict markers: on the first line, bare, or any of the three; a marker inside a row is no marker', () => {
    expect(errorOf('<<<<<<<\n{}\n=======\n{}\n>>>>>>>\n').details).toMatchObject({ line: 1 });
    expect(errorOf('{\n=======\n}\n').message).toBe('videos.csv.lock:2: the lock file has git merge conflict markers');
    expect(errorOf('{\n>>>>>>> theirs\n}\n').message).toBe('videos.csv.lock:2: the lock file has git merge conflict markers');
    expect(errorOf('{\n= x\n}\n').message).toMatch(/not valid JSON/);
    expect(errorOf('{\n> x\n}\n').message).toMatch(/not valid JSON/);
    expect(errorOf('{\n=======x\n}\n').message).toMatch(/not valid JSON/);
    expect(parseLock(lockText([row('a <<<<<<< b')]), 'l').rows.has('a <<<<<<< b')).toBe(true);
  });
});
