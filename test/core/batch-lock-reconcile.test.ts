// The lock read before a run (core/batch/lock-reconcile.ts), against the sandbox over HTTP: an
// unchanged row whose video HeyGen still has is not rendered again (downloaded if its file is
// not the lock's), a lost or failed video is rendered again under a fixed new key, and only
// rows that start fresh are looked up, 100 ids a request.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { fingerprintOf, type LockEntry } from '../../src/core/batch/lock-format.js';
import { reconcileLock } from '../../src/core/batch/lock-reconcile.js';
import type { Task } from '../../src/core/batch/tasks.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/harness.js';
import { createVideo, fakeClock } from '../sandbox/helpers.js';

const clock = fakeClock();
let sandbox: Sandbox;
let api: HeyGenClient;
beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, renderMs: 10_000 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

const FP = fingerprintOf({ script: 'x' });
const SHA_OF = (text: string) => createHash('sha256').update(text).digest('hex');
const task = (key: string, extra: Partial<Task> = {}, file?: string): Task =>
  ({
    row: { key, fingerprint: FP, baseKey: `base-${key}`, file },
    phase: 'queued',
    attempt: 0,
    key: `base-${key}`,
    ...extra,
  }) as unknown as Task;
const entry = (video: string, extra: Partial<LockEntry> = {}): LockEntry => ({
  fingerprint: FP,
  video_id: video,
  rendered_at: '2026-12-01T10:00:00.000Z',
  ...extra,
});
const lockOf = (rows: Record<string, LockEntry>) => ({ version: 1, rows: new Map(Object.entries(rows)) });
const statusCalls = () => sandbox.received.filter((q) => q.path === '/v3/videos/statuses');

describe('reconcileLock', () => {
  it('sorts rows by what the lock says, looks up only fresh unchanged rows, and acts on each status', async () => {
    const done = await createVideo(sandbox);
    const failed = await createVideo(sandbox);
    sandbox.inject({ kind: 'fail-render', videoId: failed });
    clock.advance(20_000);
    const rendering = await createVideo(sandbox);
    const out = tempDir();
    writeFileSync(join(out, 'right.mp4'), 'right bytes');
    writeFileSync(join(out, 'wrong.mp4'), 'other bytes');
    const tasks = {
      fresh: task('fresh'),
      changed: task('changed'),
      resumed: task('resumed', { resumed: true }),
      retried: task('retried', { attempt: 1 }),
      running: task('running', { phase: 'rendering' }),
      right: task('right', {}, 'right.mp4'),
      wrong: task('wrong', {}, 'wrong.mp4'),
      missingFile: task('missingFile'),
      rendering: task('rendering'),
      failed: task('failed'),
      gone: task('gone'),
    };
    const lock = lockOf({
      changed: entry(done, { fingerprint: fingerprintOf({ script: 'y' }) }),
      resumed: entry(done),
      retried: entry(done),
      running: entry(done),
      right: entry(done, { file: 'right.mp4', bytes: 11, sha256: SHA_OF('right bytes') }),
      wrong: entry(done, { file: 'wrong.mp4', bytes: 11, sha256: SHA_OF('right bytes') }),
      missingFile: entry(done, { file: 'missing.mp4', bytes: 1, sha256: SHA_OF('x') }),
      rendering: entry(rendering, { sha256: undefined }),
      failed: entry(failed),
      gone: entry('vid_no_such_video'),
      stale: entry(done),
    });
    const before = statusCalls().length;
    const check = await reconcileLock({
      tasks: Object.values(tasks),
      lock,
      keys: new Set([...Object.keys(tasks), 'other-shard']),
      api,
      outDir: out,
      download: true,
    });
    expect(check).toEqual({ stale: [{ row: 'stale', entry: entry(done) }], statusRequests: 1, verified: true });
    // One request, for the distinct videos of the fresh unchanged rows.
    const asked = statusCalls().slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.query.video_ids!.split(',').sort()).toEqual([done, rendering, failed, 'vid_no_such_video'].sort());
    expect(Object.fromEntries(Object.entries(tasks).map(([k, t]) => [k, t.lock]))).toEqual({
      fresh: 'new',
      changed: 'changed',
      resumed: 'up_to_date',
      retried: 'up_to_date',
      running: 'up_to_date',
      right: 'up_to_date',
      wrong: 'up_to_date',
      missingFile: 'up_to_date',
      rendering: 'up_to_date',
      failed: 'missing',
      gone: 'missing',
    });
    // Rows that are not fresh are left to the journal.
    for (const t of [tasks.fresh, tasks.changed, tasks.resumed, tasks.retried, tasks.running]) expect(t.videoId).toBeUndefined();
    expect(tasks.right).toMatchObject({
      phase: 'done',
      earlier: true,
      resumed: true,
      videoId: done,
      file: join(out, 'right.mp4'),
      bytes: 11,
    });
    expect(tasks.right.sha256).toBe(SHA_OF('right bytes'));
    expect(tasks.wrong).toMatchObject({ phase: 'completed', overwrite: true, expectedSha256: SHA_OF('right bytes') });
    expect(tasks.wrong.earlier).toBeUndefined();
    expect(tasks.wrong.note).toBe("up to date in the lock; its file differed from the lock's SHA-256, downloaded again (no render)");
    expect(tasks.missingFile).toMatchObject({ phase: 'completed', note: 'up to date in the lock; downloaded (no render)' });
    expect(tasks.missingFile.overwrite).toBeUndefined();
    expect(tasks.rendering).toMatchObject({
      phase: 'rendering',
      videoId: rendering,
      resumed: true,
      renderedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(tasks.rendering.earlier).toBeUndefined();
    const x = (id: string) => SHA_OF(id).slice(0, 8);
    expect(tasks.failed).toMatchObject({
      phase: 'queued',
      key: `base-failed-x${x(failed)}`,
      note: `the lock's video ${failed} failed on HeyGen; rendered again`,
    });
    expect(tasks.gone).toMatchObject({
      phase: 'queued',
      key: `base-gone-x${x('vid_no_such_video')}`,
      note: "HeyGen no longer has the lock's video vid_no_such_video (deleted?); rendered again",
    });
    expect(tasks.gone.videoId).toBeUndefined();
  });

  it('without downloads a completed video is done; without a key nothing is looked up and every video counts as there', async () => {
    const done = await createVideo(sandbox);
    clock.advance(20_000);
    const t = task('a');
    const before = statusCalls().length;
    await reconcileLock({ tasks: [t], lock: lockOf({ a: entry(done) }), keys: new Set(['a']), api, outDir: tempDir(), download: false });
    expect(t).toMatchObject({ phase: 'done', earlier: true, videoId: done });
    const offline = task('b');
    const check = await reconcileLock({
      tasks: [offline],
      lock: lockOf({ b: entry('vid_whatever') }),
      keys: new Set(['b']),
      outDir: tempDir(),
      download: false,
    });
    expect(check).toEqual({ stale: [], statusRequests: 0, verified: false });
    expect(offline).toMatchObject({ phase: 'done', videoId: 'vid_whatever', lock: 'up_to_date' });
    expect(statusCalls().length - before).toBe(1);
  });

  it('names the file the row now has; a row with no file name anywhere is downloaded; an id missing from the answer is watched', async () => {
    const done = await createVideo(sandbox);
    clock.advance(20_000);
    const out = tempDir();
    writeFileSync(join(out, 'renamed.mp4'), 'right bytes');
    writeFileSync(join(out, 'moved.mp4'), 'other bytes');
    const renamed = task('renamed', {}, 'renamed.mp4');
    const moved = task('moved', {}, 'moved.mp4');
    const nameless = task('nameless');
    const unanswered = task('unanswered');
    const lock = lockOf({
      renamed: entry(done, { file: 'old.mp4', bytes: 11, sha256: SHA_OF('right bytes') }),
      moved: entry(done, { file: 'old.mp4', bytes: 11, sha256: SHA_OF('right bytes') }),
      nameless: entry(done, { sha256: SHA_OF('x') }),
      unanswered: entry('vid_left_out'),
    });
    // An answer without one of the ids asked about.
    const partial: Pick<HeyGenClient, 'getVideoStatuses'> = {
      getVideoStatuses: async (params) => {
        const page = await api.getVideoStatuses(params);
        return { ...page, data: page.data.filter((item) => item.video_id !== 'vid_left_out') };
      },
    };
    await reconcileLock({
      tasks: [renamed, moved, nameless, unanswered],
      lock,
      keys: new Set(lock.rows.keys()),
      api: partial,
      outDir: out,
      download: true,
    });
    expect(renamed).toMatchObject({ phase: 'done', file: join(out, 'renamed.mp4') });
    // Another file with other bytes where the row's file goes: not the lock's, so not replaced.
    expect(moved).toMatchObject({ phase: 'completed' });
    expect(moved.overwrite).toBeUndefined();
    expect(nameless).toMatchObject({ phase: 'completed', note: 'up to date in the lock; downloaded (no render)' });
    expect(nameless.overwrite).toBeUndefined();
    expect(unanswered).toMatchObject({ phase: 'rendering', videoId: 'vid_left_out', lock: 'up_to_date' });
    // Nothing to look up: no request at all (an empty one would be refused).
    const before = statusCalls().length;
    const none = await reconcileLock({ tasks: [task('new')], lock: lockOf({}), keys: new Set(['new']), api, outDir: out, download: true });
    expect(none.statusRequests).toBe(0);
    expect(statusCalls().length).toBe(before);
  });

  it('asks 100 ids a request, each id once', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `vid_missing_${i}`);
    const tasks = [...ids.map((_, i) => task(`r${i}`)), task('dup')];
    const lock = lockOf({ ...Object.fromEntries(ids.map((id, i) => [`r${i}`, entry(id)])), dup: entry(ids[0]!) });
    const before = statusCalls().length;
    const check = await reconcileLock({ tasks, lock, keys: new Set(tasks.map((t) => t.row.key)), api, outDir: tempDir(), download: true });
    expect(check.statusRequests).toBe(2);
    const asked = statusCalls()
      .slice(before)
      .map((q) => q.query.video_ids!.split(',').length);
    expect(asked).toEqual([100, 1]);
    expect(tasks.every((t) => t.lock === 'missing')).toBe(true);
  });
});
