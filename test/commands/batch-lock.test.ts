// The lock file (videos.csv.lock) through real HTTP against the sandbox: a fresh CI machine a
// day later (new folder, new HOME, the API's idempotency memory gone) renders nothing and
// still delivers every file, verified; an edited row renders once; a video deleted on HeyGen
// renders again; --frozen-lock; shards plus `batch lock merge` give one run's lock.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, sandboxCall, tempDir, type RunOptions } from '../helpers/harness.js';
import { batchIn, expectVerified, postsOf, readReport, sha256File, writeCsv } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 4096, concurrencyLimit: 10 });
const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, opts);

interface LockJson {
  lockfile_version: number;
  rows: Record<string, { fingerprint: string; video_id: string; rendered_at: string; file?: string; bytes?: number; sha256?: string }>;
}
const readLock = (dir: string): LockJson => JSON.parse(readFileSync(join(dir, 'videos.csv.lock'), 'utf8'));
const lockText = (dir: string) => readFileSync(join(dir, 'videos.csv.lock'), 'utf8');

/** A new checkout: only the manifest and its lock, in a new folder (runTwin gives each run a new HOME). */
function checkout(from: string): string {
  const dir = tempDir();
  copyFileSync(join(from, 'videos.csv'), join(dir, 'videos.csv'));
  if (existsSync(join(from, 'videos.csv.lock'))) copyFileSync(join(from, 'videos.csv.lock'), join(dir, 'videos.csv.lock'));
  return dir;
}

/** A fresh CI machine a day later: new folder and HOME, and HeyGen no longer replays any key. */
function nextDay(from: string): string {
  sandbox.clearIdempotency();
  sandbox.resetCounters();
  return checkout(from);
}

describe('batch run: the lock file', () => {
  it('a fresh machine a day later renders nothing and still delivers every file, verified against the lock', async () => {
    const first = tempDir();
    writeCsv(first, 5);
    sandbox.resetCounters();
    expect((await batch(first, [])).code).toBe(0);
    expect(sandbox.counters.rendered).toBe(5);

    // One row per line, sorted, each with its fingerprint, video and file.
    const text = lockText(first);
    const rowLines = text.split('\n').filter((l) => /^ {4}"row-\d+": \{.*\},?$/.test(l));
    expect(rowLines).toHaveLength(5);
    expect(rowLines.map((l) => l.trim())).toEqual(rowLines.map((l) => l.trim()).sort());
    const lock = readLock(first);
    expect(lock.lockfile_version).toBe(1);
    for (const [key, entry] of Object.entries(lock.rows)) {
      expect(entry.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(entry).toMatchObject({ file: `${key}.mp4`, bytes: 4096, sha256: sandbox.videoSha256(entry.video_id) });
    }

    const ci = nextDay(first);
    const res = await batch(ci, ['--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);
    expect(postsOf(sandbox)).toEqual([]);
    expect(sandbox.counters.requests['GET /v3/videos/statuses']).toBe(1); // one bulk check for all five
    const report = JSON.parse(res.stdout);
    expectVerified(report, sandbox);
    for (const row of report.rows)
      expect(row).toMatchObject({ video_id: lock.rows[row.row]!.video_id, sha256: lock.rows[row.row]!.sha256, lock: 'up_to_date' });
    expect(report.lock).toMatchObject({ rows: { up_to_date: 5, changed: 0, new: 0, missing: 0 }, stale: [] });
    expect(lockText(ci)).toBe(text); // nothing changed, nothing rewritten

    // --no-download with an up-to-date lock: the bulk status check and nothing else.
    const check = nextDay(first);
    const quiet = await batch(check, ['--no-download']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(sandbox.counters.requests).toEqual({ 'GET /v3/videos/statuses': 1 });

    // A copy that differs from the lock (same size) is downloaded again; the right one is left alone.
    writeFileSync(join(ci, 'out', 'row-2.mp4'), Buffer.alloc(4096, 7));
    sandbox.resetCounters();
    expect((await batch(ci, [])).code).toBe(0);
    expect(sha256File(join(ci, 'out', 'row-2.mp4'))).toBe(lock.rows['row-2']!.sha256);
    expect(sandbox.counters.rendered).toBe(0);
    expect(sandbox.counters.requests['GET /v3/videos/:id']).toBe(1);
  });

  it('one edited row renders exactly once, and the lock diff is that one line', async () => {
    const first = tempDir();
    writeCsv(first, 4);
    expect((await batch(first, [])).code).toBe(0);
    const before = lockText(first).split('\n');

    const ci = nextDay(first);
    writeCsv(ci, 4, { script: (i) => (i === 3 ? 'A new script for row three' : `Hello number ${i}`) });
    const plan = JSON.parse((await batch(ci, ['--dry-run', '--json'])).stdout);
    expect(plan.renders).toBe(1);
    expect(plan.plan.map((r: { row: string; lock: string }) => `${r.row}:${r.lock}`)).toEqual([
      'row-1:up_to_date',
      'row-2:up_to_date',
      'row-3:changed',
      'row-4:up_to_date',
    ]);

    const res = await batch(ci, []);
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
    const after = lockText(ci).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^ {4}"row-3": /);
    expectVerified(readReport(ci), sandbox);
  });

  it('a video deleted on HeyGen is rendered again, and the plan and report say why', async () => {
    const first = tempDir();
    writeCsv(first, 3);
    expect((await batch(first, [])).code).toBe(0);
    const gone = readLock(first).rows['row-2']!.video_id;
    await sandboxCall(sandbox, 'DELETE', `/v3/videos/${gone}`);

    const ci = nextDay(first);
    const plan = await batch(ci, ['--dry-run'], { tty: true, env: { NO_COLOR: '1' } });
    expect(plan.stdout).toContain('a real run would start 1 render.');
    expect(plan.stdout).toContain('Lock videos.csv.lock: 2 up to date, 1 missing on HeyGen.');
    expect(plan.stdout).toContain(`HeyGen no longer has the lock's video ${gone}`);

    const res = await batch(ci, ['--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(1);
    const row = JSON.parse(res.stdout).rows.find((r: { row: string }) => r.row === 'row-2');
    expect(row).toMatchObject({ status: 'done', lock: 'missing', note: expect.stringContaining(gone) });
    expect(row.video_id).not.toBe(gone);
    expect(readLock(ci).rows['row-2']!.video_id).toBe(row.video_id);
    expectVerified(JSON.parse(res.stdout), sandbox);
  });

  it('--frozen-lock passes when nothing would render and exits 2 naming the rows otherwise', async () => {
    const first = tempDir();
    writeCsv(first, 3);
    expect((await batch(first, [])).code).toBe(0);

    const ci = nextDay(first);
    expect((await batch(ci, ['--frozen-lock', '--no-download'])).code).toBe(0);
    writeCsv(ci, 4, { script: (i) => (i === 1 ? 'Changed' : `Hello number ${i}`) });
    const lockBefore = lockText(ci);
    sandbox.resetCounters();
    const res = await batch(ci, ['--frozen-lock']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--frozen-lock: 2 rows would render');
    expect(res.stderr).toContain('line 2 (row-1): changed since the lock');
    expect(res.stderr).toContain('line 5 (row-4): not in the lock');
    expect(postsOf(sandbox)).toEqual([]);
    expect(lockText(ci)).toBe(lockBefore);
  });

  it('stale rows are listed; --prune deletes their videos (--yes without a terminal) and drops them', async () => {
    const first = tempDir();
    writeCsv(first, 3);
    expect((await batch(first, ['--no-download'])).code).toBe(0);
    const stale = readLock(first).rows['row-3']!.video_id;
    writeCsv(first, 2);

    const plan = JSON.parse((await batch(first, ['--dry-run', '--json'])).stdout);
    expect(plan.lock.stale).toEqual(['row-3']);
    expect(plan.renders).toBe(0);
    const asked = await batch(first, ['--prune', '--no-download']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('--yes');
    sandbox.resetCounters();
    const pruned = await batch(first, ['--prune', '--yes', '--no-download']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(sandbox.counters.requests['DELETE /v3/videos/:id']).toBe(1);
    expect(Object.keys(readLock(first).rows)).toEqual(['row-1', 'row-2']);
    const status = await sandboxCall(sandbox, 'GET', `/v3/videos/statuses?video_ids=${stale}`);
    expect(status.data[0].status).toBe('not_found');
  });

  it('shards each write their rows; `batch lock merge` gives the lock of one run', async () => {
    const base = tempDir();
    writeCsv(base, 8);
    const single = checkout(base);
    expect((await batch(single, ['--no-download'])).code).toBe(0);

    const shards = ['1/3', '2/3', '3/3'].map((shard) => ({ shard, dir: checkout(base) }));
    for (const { shard, dir } of shards) expect((await batch(dir, ['--shard', shard, '--no-download'])).code).toBe(0);
    const merged = join(base, 'merged.lock');
    const res = await runTwin(['batch', 'lock', 'merge', ...shards.map((s) => join(s.dir, 'videos.csv.lock')), '-o', merged, '--json'], {
      cwd: base,
    });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).rows).toBe(8);

    const one = readLock(single).rows;
    const all = (JSON.parse(readFileSync(merged, 'utf8')) as LockJson).rows;
    expect(Object.keys(all)).toEqual(Object.keys(one));
    for (const key of Object.keys(one)) expect(all[key]!.fingerprint).toBe(one[key]!.fingerprint);
    // Used as the lock of a new checkout, it renders nothing.
    const ci = nextDay(base);
    copyFileSync(merged, join(ci, 'videos.csv.lock'));
    expect((await batch(ci, ['--frozen-lock', '--no-download'])).code).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);
  });

  it('a damaged lock stops the run before any request; batch status shows each row; a conflicted lock merges in place', async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    expect((await batch(dir, ['--no-download'])).code).toBe(0);
    const good = lockText(dir);

    writeFileSync(join(dir, 'videos.csv.lock'), good.replace('"lockfile_version": 1', '"lockfile_version": 3'));
    sandbox.resetCounters();
    const future = await batch(dir, []);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('videos.csv.lock:2: the lock file has format version 3');
    expect(sandbox.counters.requests).toEqual({});

    const lines = good.split('\n');
    const theirs = lines[5]!
      .replace(/"video_id":"[^"]+"/, '"video_id":"vid_from_other_branch"')
      .replace(/"rendered_at":"[^"]+"/, '"rendered_at":"2099-01-01T00:00:00.000Z"');
    writeFileSync(
      join(dir, 'videos.csv.lock'),
      [...lines.slice(0, 5), '<<<<<<< HEAD', lines[5], '=======', theirs, '>>>>>>> other', ...lines.slice(6)].join('\n'),
    );
    const conflicted = await batch(dir, []);
    expect(conflicted.code).toBe(2);
    expect(conflicted.stderr).toContain('videos.csv.lock:6: the lock file has git merge conflict markers');
    expect(conflicted.stderr).toContain('twin batch lock merge');
    expect(sandbox.counters.requests).toEqual({});
    const merged = await runTwin(['batch', 'lock', 'merge', 'videos.csv.lock'], { cwd: dir });
    expect(merged.code, merged.stderr).toBe(0);
    expect(readLock(dir).rows['row-2']!.video_id).toBe('vid_from_other_branch');

    writeFileSync(join(dir, 'videos.csv.lock'), good);
    writeCsv(dir, 2, { script: (i) => (i === 1 ? 'Edited' : `Hello number ${i}`) });
    const status = await runTwin(['batch', 'status', 'videos.csv', '--json'], { sandbox, cwd: dir });
    expect(status.code, status.stderr).toBe(0);
    const shown = JSON.parse(status.stdout);
    expect(shown.plan.map((r: { row: string; lock: string }) => `${r.row}:${r.lock}`)).toEqual(['row-1:changed', 'row-2:up_to_date']);
    expect(shown.lock.stale).toEqual(['row-3']);
    expect(shown.renders).toBe(1);
  });
});
