// Issue 28 through real HTTP against the sandbox, on a render clock sped up 20× (a 30 s render
// takes 1.5 s): a batch on a fresh machine learns from its first rows (later rows noticed sooner,
// no row read more often than HeyGen's documented 10-second loop would have read it); the lock
// records each render's duration and a fresh machine that reads it starts with the team's
// history; durations never change which rows render.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { docsRequests } from '../../src/core/poll/schedule.js';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir, type RunOptions } from '../helpers/harness.js';
import { batchIn, readReport, writeCsv } from './batch.helpers.js';

const SCALE = 20;
const T0 = Date.now();
const now = () => T0 + (Date.now() - T0) * SCALE;
const sleep: RunOptions['sleep'] = (ms, signal) => delay(ms / SCALE, undefined, { signal });
const RENDER_MS = 30_000;
const sandbox = useSandbox({ renderMs: RENDER_MS, videoBytes: 1024, concurrencyLimit: 10, now });

/** 25 words: about 10 s spoken (150 a minute), the same length on every row. */
const script = (i: number) => `Row ${i} says ${'hello '.repeat(22).trim()} now`;

/** A run on a fresh HOME (returned: its config folder holds this user's render history). */
async function run(dir: string, args: string[] = []) {
  const home = tempDir('twin-home-');
  const res = await batchIn(sandbox, dir, ['--concurrency', '5', '--no-download', ...args], {
    now,
    sleep,
    // No fixed interval: the rows' plans are what this file tests.
    env: { HOME: home, TWIN_CONFIG_DIR: join(home, 'config'), TWIN_INTERVAL: undefined },
  });
  expect(res.code, res.stderr).toBe(0);
  return join(home, 'config');
}

interface Timed {
  row: string;
  video: string;
  submitted: number;
  /** Sandbox-clock ms from the render's end to when the run saw it finished. */
  delayMs: number;
  watchedMs: number;
}

/** Each row rendered by the run whose journal is in `dir`, in submit order. */
function timings(dir: string): Timed[] {
  const lines = readFileSync(join(dir, 'out', '.twin-journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.row);
  const rendering = new Map(entries.filter((e) => e.state === 'rendering').map((e) => [e.row, e]));
  const out: Timed[] = [];
  for (const e of entries.filter((x) => x.state === 'completed')) {
    const start = rendering.get(e.row);
    if (!start) continue;
    const submitted = Date.parse(start.at);
    const watchedMs = Date.parse(e.at) - submitted;
    out.push({ row: e.row, video: e.video_id, submitted, delayMs: watchedMs - RENDER_MS, watchedMs });
  }
  return out.sort((a, b) => a.submitted - b.submitted);
}

/** How many status reads named each video since request `from` of the sandbox's log. */
function readsOf(from: number): Map<string, number> {
  const reads = new Map<string, number>();
  for (const r of sandbox.received.slice(from)) {
    if (r.method !== 'GET' || r.path !== '/v3/videos/statuses') continue;
    for (const id of (r.query.video_ids ?? '').split(',')) reads.set(id, (reads.get(id) ?? 0) + 1);
  }
  return reads;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface LockJson {
  rows: Record<string, { video_id: string; render_seconds?: number }>;
}
const readLock = (dir: string): LockJson => JSON.parse(readFileSync(join(dir, 'videos.csv.lock'), 'utf8'));

let first = '';
let firstWaveMs = 0;

describe('batch run: poll plans learnt from the run, the user and the lock (issue 28)', () => {
  it('a batch on a fresh machine learns from its first rows, within the 10-second loop', async () => {
    first = tempDir();
    writeCsv(first, 12, { script });
    const from = sandbox.received.length;
    const historyDir = await run(first);
    const rows = timings(first);
    expect(rows).toHaveLength(12);
    const reads = readsOf(from);
    for (const r of rows) {
      // No more reads than the documented loop spends on a render watched this long.
      expect(reads.get(r.video) ?? 0, r.row).toBeLessThanOrEqual(docsRequests(r.watchedMs));
    }
    // The first five planned broadly; once they finished, the rest were noticed sooner.
    firstWaveMs = mean(rows.slice(0, 5).map((r) => r.delayMs));
    const later = mean(rows.slice(5).map((r) => r.delayMs));
    if (process.env.TWIN_TEST_VERBOSE) console.log(rows.map((r) => [r.row, r.delayMs, reads.get(r.video), docsRequests(r.watchedMs)]));
    expect(later).toBeLessThan(0.75 * firstWaveMs);
    expect(later).toBeLessThan(6_000);
    // Each render went into this user's own history too.
    const history = JSON.parse(readFileSync(join(historyDir, 'render-times.json'), 'utf8'));
    expect(history.renders).toHaveLength(12);
    // And into the lock: render_seconds, from create to completion.
    const lock = readLock(first);
    for (const r of rows) {
      const seconds = lock.rows[r.row]!.render_seconds!;
      expect(seconds).toBeGreaterThanOrEqual(RENDER_MS / 1000 - 1);
      expect(seconds).toBeCloseTo(r.watchedMs / 1000, 0);
    }
  }, 120_000);

  it("a fresh machine reading the committed lock starts with the team's render times", async () => {
    expect(first).not.toBe('');
    // CI: a new checkout (manifest + lock), a new HOME, ten new rows.
    const ci = tempDir();
    copyFileSync(join(first, 'videos.csv.lock'), join(ci, 'videos.csv.lock'));
    writeCsv(ci, 22, { script });
    const from = sandbox.received.length;
    await run(ci);
    const rows = timings(ci);
    expect(rows.map((r) => r.row).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `row-${i + 13}`).sort());
    const reads = readsOf(from);
    for (const r of rows) expect(reads.get(r.video) ?? 0, r.row).toBeLessThanOrEqual(docsRequests(r.watchedMs));
    // Its first rows already plan as with a history.
    const firstWave = mean(rows.slice(0, 5).map((r) => r.delayMs));
    if (process.env.TWIN_TEST_VERBOSE) console.log(rows.map((r) => [r.row, r.delayMs, reads.get(r.video), docsRequests(r.watchedMs)]));
    expect(firstWave).toBeLessThan(0.75 * firstWaveMs);
    expect(firstWave).toBeLessThan(6_000);
    // The lock keeps the old rows' durations and adds the new ones'.
    const before = readLock(first);
    const after = readLock(ci);
    for (let i = 1; i <= 22; i++) expect(after.rows[`row-${i}`]?.render_seconds, `row-${i}`).toBeGreaterThan(0);
    for (let i = 1; i <= 12; i++) expect(after.rows[`row-${i}`]).toEqual(before.rows[`row-${i}`]);
  }, 120_000);

  it('a lock with render_seconds renders exactly what the same lock without them does', async () => {
    expect(first).not.toBe('');
    const withDurations = readFileSync(join(first, 'videos.csv.lock'), 'utf8');
    expect(withDurations).toContain('"render_seconds":');
    const without = withDurations.replace(/,"render_seconds":[0-9.]+/g, '');
    expect(without).not.toContain('render_seconds');
    const outcomes = [];
    for (const lock of [withDurations, without]) {
      sandbox.clearIdempotency();
      const dir = tempDir();
      // Row 2 edited, row 13 new: those two render, the other eleven are up to date.
      writeCsv(dir, 13, { script: (i) => (i === 2 ? `${script(i)} again` : script(i)) });
      writeFileSync(join(dir, 'videos.csv.lock'), lock);
      sandbox.resetCounters();
      await run(dir);
      const report = readReport(dir);
      outcomes.push({
        creates: sandbox.counters.requests['POST /v3/videos'],
        rendered: sandbox.counters.rendered,
        rows: report.rows.map((r: Record<string, unknown>) => [r.row, r.status, r.lock, r.earlier ?? false]),
      });
      expect(existsSync(join(dir, 'videos.csv.lock'))).toBe(true);
    }
    expect(outcomes[0]!.creates).toBe(2);
    expect(outcomes[0]!.rendered).toBe(2);
    expect(outcomes[1]).toEqual(outcomes[0]);
  }, 120_000);
});
