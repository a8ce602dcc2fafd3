// The poll plan's properties (pure functions of elapsed time: no clock, no waiting), the
// render-time history it learns from, and pollVideo following a plan on an injected clock.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { HeyGenClient } from '../../src/api/index.js';
import { pollVideo } from '../../src/core/poll/poller.js';
import { useFakeClockSandbox } from '../helpers/fake-clock.js';
import {
  backoffPlan,
  DOCS_LOOP_MS,
  docsRequests,
  EARLY_READS_MS,
  expectedCost,
  JITTER,
  MIN_INTERVAL_MS,
  OFFICIAL,
  officialCost,
  pollTimes,
  priorPlan,
  type RenderPrior,
} from '../../src/core/poll/schedule.js';
import { budgetedPlan, LATE_CAP_MS, runningPlan, runningPrior } from '../../src/core/poll/budget.js';
import {
  broadPrior,
  DEFAULT_RATIO,
  HISTORY_FILE,
  priorFrom,
  readHistory,
  recordRender,
  renderBasis,
  renderTimeOf,
  speechMs,
  type RenderRecord,
} from '../../src/core/poll/render-history.js';

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('backoffPlan (nothing known)', () => {
  it('is the official CLI schedule: 2 s doubling to a 30 s cap', () => {
    const times = pollTimes(backoffPlan(), 200_000);
    expect(gaps(times).slice(0, 7)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});

describe('priorPlan', () => {
  const priors: RenderPrior[] = [];
  for (const medianMs of [30_000, 120_000, 600_000, 1_800_000]) {
    for (const sigma of [0.1, 0.2, 0.5]) priors.push({ medianMs, sigma, earliestMs: medianMs / 4 });
  }

  it.each(priors)('median $medianMs ms, spread $sigma: bounded waits, densest near the expected end', (prior) => {
    const times = pollTimes(priorPlan(prior), prior.medianMs * 4);
    const waits = gaps(times);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
    for (let i = 0; i < waits.length; i++) {
      const t = times[i]!;
      // Never sparser than the official cap once the render is expected to be done...
      if (t >= prior.medianMs) expect(waits[i]).toBeLessThanOrEqual(OFFICIAL.capMs);
      // ...and before that, a wait is at most twice the time elapsed (an early failure is seen).
      else expect(waits[i]).toBeLessThanOrEqual(Math.max(20_000, 2 * t) + 1);
    }
    // The narrowest wait once the render could have finished is near the expected end.
    const later = waits.map((w, i) => (times[i]! >= prior.earliestMs ? w : Infinity));
    const narrowest = later.indexOf(Math.min(...later));
    expect(times[narrowest]!).toBeGreaterThan(prior.medianMs * Math.exp(-2.5 * prior.sigma));
    expect(times[narrowest]!).toBeLessThan(prior.medianMs * Math.exp(2.5 * prior.sigma));
  });

  it.each(priors)('median $medianMs ms, spread $sigma: fewer requests than the official CLI, less delay', (prior) => {
    const twin = expectedCost(prior, pollTimes(priorPlan(prior), prior.medianMs * 6));
    const official = officialCost(prior);
    expect(twin.requests).toBeLessThanOrEqual(official.requests);
    expect(twin.delayMs).toBeLessThan(official.delayMs);
    // With a prediction as good as ±10 %, the notice delay is at most half the official one.
    if (prior.sigma <= 0.1) expect(twin.delayMs).toBeLessThanOrEqual(official.delayMs / 2);
  });

  it('spends no poll between the start-up polls and the likely window of a long render', () => {
    const prior = { medianMs: 1_800_000, sigma: 0.1, earliestMs: 300_000 };
    const times = pollTimes(priorPlan(prior), prior.medianMs * 2);
    const before = times.filter((t) => t < prior.medianMs * Math.exp(-3 * prior.sigma));
    expect(before.length).toBeLessThanOrEqual(8);
    expect(pollTimes(backoffPlan(), prior.medianMs * Math.exp(-3 * prior.sigma)).length).toBeGreaterThan(40);
  });
});

describe('budgetedPlan (little known: first renders, `video wait` of a video made elsewhere)', () => {
  /** Polls strictly before each moment (unjittered). */
  const before = (times: number[], T: number) => times.filter((t) => t < T).length;
  const cases: Array<{ prior: RenderPrior; offsetMs: number }> = [];
  for (const speech of [5_000, 30_000, 120_000, 450_000])
    cases.push({ prior: broadPrior([], { engine: 'avatar_iv', resolution: '1080p', speechMs: speech }), offsetMs: 0 });
  for (const ran of [0, 3_000, 60_000, 600_000]) cases.push({ prior: runningPrior(ran), offsetMs: ran });
  /** The early reads still ahead of a render `offsetMs` in. */
  const earlyReads = (offsetMs: number) => EARLY_READS_MS.filter((ms) => ms > offsetMs).length;

  it('knows the documented loop: a render seen 25 s in costs it 4 requests (0, 10, 20, 30 s), one seen at 30 s 4 too', () => {
    expect([docsRequests(0), docsRequests(1), docsRequests(10_000), docsRequests(25_000), docsRequests(30_000)]).toEqual([1, 2, 2, 4, 4]);
  });

  it.each(cases)(
    'never more requests than the 10-second loop for the same render, even when jitter shortens every wait; before 20 s at most the early reads more ($offsetMs ms in)',
    ({ prior, offsetMs }) => {
      const extra = earlyReads(offsetMs);
      for (const shrink of [1, 1 - JITTER]) {
        const plan = budgetedPlan(prior, offsetMs);
        const times = pollTimes((t) => Math.floor(plan(t) * shrink), 3 * 60 * 60_000);
        for (let T = 500; T <= 3 * 60 * 60_000; T += 500) {
          const requests = before(times, T) + 1;
          const allowed = docsRequests(T) + (T > DOCS_LOOP_MS * extra ? 0 : extra);
          if (requests > allowed) expect({ T, requests }).toEqual({ T, requests: allowed });
        }
      }
    },
  );

  it.each(cases)(
    'keeps the early-failure reads (2 s and 6 s into the render), the next read by 30 s, no wait over 10 s (+ jitter room) from then on once the render may be done ($offsetMs ms in)',
    ({ prior, offsetMs }) => {
      const times = pollTimes(budgetedPlan(prior, offsetMs), 2 * 60 * 60_000);
      const early = EARLY_READS_MS.filter((ms) => ms > offsetMs).map((ms) => ms - offsetMs);
      expect(times.slice(1, 1 + early.length)).toEqual(early);
      // The early reads come out of the loop's budget: the read after them waits for the loop's third (30 s).
      expect(times[1 + early.length]).toBeLessThanOrEqual(Math.max(3 * DOCS_LOOP_MS, prior.earliestMs - offsetMs) / (1 - JITTER) + 1);
      const waits = gaps(times);
      for (let i = 0; i < waits.length; i++) {
        const t = times[i]!;
        expect(waits[i]).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
        if (offsetMs + t >= prior.earliestMs && t >= 3 * DOCS_LOOP_MS) expect(waits[i]).toBeLessThanOrEqual(LATE_CAP_MS / (1 - JITTER) + 1);
      }
    },
  );

  it('a failure at once is seen within 2 s; a render that ends 24 s in, by 30 s', () => {
    const prior = broadPrior([], { engine: 'avatar_iv', resolution: '1080p', speechMs: 30_000 });
    const times = pollTimes(budgetedPlan(prior), 60_000);
    expect(times[1]).toBe(2_000);
    expect(times.find((t) => t >= 24_000)).toBeLessThanOrEqual(30_000 / (1 - JITTER));
  });

  it('polls sparsely while a 10-minute script is spoken, and spends that where the render is likely to end', () => {
    // A 10-minute script whose render takes about 15 minutes (the user's one earlier render said so).
    const basis = { engine: 'avatar_iv', resolution: '1080p', speechMs: 600_000 };
    const prior = broadPrior([{ ...basis, renderMs: 900_000, at: 1 }], basis);
    const times = pollTimes(budgetedPlan(prior), 2 * 60 * 60_000);
    const twin = expectedCost(prior, times);
    const docs = expectedCost(
      prior,
      pollTimes(() => DOCS_LOOP_MS, 2 * 60 * 60_000),
    );
    expect(twin.requests).toBeLessThanOrEqual(docs.requests);
    expect(twin.delayMs).toBeLessThan(docs.delayMs);
    expect(twin.delayMs).toBeLessThanOrEqual(officialCost(prior).delayMs * 0.5);
    // Fewer than half the loop's reads while the script cannot have been spoken (before 8 minutes).
    expect(times.filter((t) => t < 480_000).length).toBeLessThan(48 / 2);
  });

  it('learns from created_at how long the render has run (seconds, or milliseconds)', () => {
    const start = 1_800_000_000_000;
    const waits = (last?: { created_at?: number | null }) => {
      const plan = runningPlan(start);
      return [plan(0, last), plan(2_000), plan(6_000), plan(20_000), plan(50_000)];
    };
    const tenMinutesIn = waits({ created_at: (start - 600_000) / 1000 });
    expect(waits({ created_at: start - 600_000 })).toEqual(tenMinutesIn);
    expect(waits({ created_at: null })).toEqual(waits());
    expect(tenMinutesIn).not.toEqual(waits());
    // A clock ahead of the server's (created_at in the future) counts as "just started".
    expect(waits({ created_at: (start + 60_000) / 1000 })).toEqual(waits());
  });

  it('takes its prior from the renders of the kind, else other kinds (wider), else a wide default', () => {
    const basis = { engine: 'avatar_iv', resolution: '1080p', speechMs: 60_000 };
    expect(broadPrior([], basis)).toEqual({ medianMs: 60_000 * DEFAULT_RATIO.median, sigma: DEFAULT_RATIO.sigma, earliestMs: 48_000 });
    const same = broadPrior(
      [
        { ...basis, speechMs: 30_000, renderMs: 60_000, at: 1 },
        { ...basis, speechMs: 30_000, renderMs: 60_000, at: 2 },
      ],
      basis,
    );
    expect(same.medianMs).toBeCloseTo(120_000, -2);
    expect(same.sigma).toBeGreaterThanOrEqual(0.3);
    const other = broadPrior(
      [
        { ...basis, resolution: '4k', speechMs: 30_000, renderMs: 60_000, at: 1 },
        { ...basis, resolution: '4k', speechMs: 30_000, renderMs: 60_000, at: 2 },
      ],
      basis,
    );
    expect(other.medianMs).toBeCloseTo(120_000, -2);
    expect(other.sigma).toBeGreaterThan(same.sigma);
  });
});

describe('render history', () => {
  const basis = { engine: 'avatar_iv', resolution: '1080p', speechMs: 10_000 };
  const record = (renderMs: number, extra: Partial<RenderRecord> = {}): RenderRecord => ({ ...basis, renderMs, at: 1, ...extra });

  it('estimates the spoken length from words at 150 a minute, and from characters without spaces', () => {
    expect(speechMs('one two three four five')).toBe(2_000);
    expect(speechMs('one two three four five', 0.5)).toBe(4_000);
    expect(speechMs('   ')).toBe(0);
    expect(speechMs('你好世界你好世界你好世界')).toBe(800);
    expect(renderBasis({ script: 'one two three four five', engine: { type: 'avatar_v' }, resolution: '4k' })).toEqual({
      engine: 'avatar_v',
      resolution: '4k',
      speechMs: 2_000,
    });
    expect(renderBasis({ script: null })).toBeUndefined();
    // An audio render: its audio's length, when known; a script wins.
    expect(renderBasis({ script: null, resolution: '720p' }, 12_000)).toEqual({
      engine: 'avatar_iv',
      resolution: '720p',
      speechMs: 12_000,
    });
    expect(renderBasis({ script: null }, null)).toBeUndefined();
    expect(renderBasis({ script: 'one two three four five' }, 12_000)?.speechMs).toBe(2_000);
  });

  it('predicts nothing from fewer than five renders of the same engine and resolution', () => {
    const four = [1, 2, 3, 4].map(() => record(60_000));
    expect(priorFrom(four, basis)).toBeUndefined();
    expect(priorFrom([...four, record(60_000, { resolution: '4k' })], basis)).toBeUndefined();
    expect(priorFrom([...four, record(60_000)], basis)).toBeDefined();
  });

  it('scales the median ratio to the new script, with a spread of at least 10 %', () => {
    const history = [50_000, 60_000, 60_000, 60_000, 70_000].map((ms) => record(ms));
    const prior = priorFrom(history, { ...basis, speechMs: 20_000 })!;
    expect(prior.medianMs).toBeCloseTo(120_000, -2);
    expect(prior.sigma).toBeGreaterThanOrEqual(0.1);
    expect(prior.earliestMs).toBe(20_000);
    const wide = priorFrom(
      [20_000, 40_000, 60_000, 90_000, 180_000].map((ms) => record(ms)),
      basis,
    )!;
    expect(wide.sigma).toBeGreaterThan(prior.sigma);
  });

  it('lets renders faster than speech (a quick sandbox) lower the earliest end', () => {
    const prior = priorFrom(
      [1, 2, 3, 4, 5].map(() => record(500)),
      basis,
    )!;
    expect(prior.earliestMs).toBeLessThan(500);
  });

  it('keeps the last 100 renders in a private file and shrugs off a corrupt one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'twin-history-')), 'config');
    expect(readHistory(dir)).toEqual([]);
    for (let i = 1; i <= 105; i++) recordRender(dir, basis, i * 1000, i);
    const kept = readHistory(dir);
    expect(kept).toHaveLength(100);
    expect(kept[0]!.renderMs).toBe(6_000);
    expect(statSync(join(dir, HISTORY_FILE)).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, HISTORY_FILE), '{ not json');
    expect(readHistory(dir)).toEqual([]);
    writeFileSync(join(dir, HISTORY_FILE), JSON.stringify({ renders: [record(1000), { engine: 'x' }, record(-5)] }));
    expect(readHistory(dir)).toHaveLength(1);
    recordRender(dir, basis, 2_000, 2);
    expect(JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')).renders).toHaveLength(2);
  });

  it('takes the render time from the server timestamps when it has both', () => {
    expect(renderTimeOf({ created_at: 100, completed_at: 160 }, 75_000)).toBe(60_000);
    expect(renderTimeOf({ created_at: 100, completed_at: null }, 75_000)).toBe(75_000);
    expect(renderTimeOf({}, undefined)).toBeUndefined();
  });
});

describe('pollVideo with a plan', () => {
  const fake = useFakeClockSandbox(100);
  const { sleeps, now, sleep } = fake;
  let sandbox: Sandbox;
  let api: HeyGenClient;
  beforeAll(() => {
    ({ sandbox, api } = fake);
  });

  it('waits as the plan says and notices a 10-minute render with fewer requests than the backoff', async () => {
    const prior = { medianMs: 600_000, sigma: 0.1, earliestMs: 100_000 };
    const run = async (plan?: (ms: number) => number) => {
      sandbox.options.renderMs = 610_000;
      const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
      sandbox.resetCounters();
      sleeps.length = 0;
      const started = now();
      const video = await pollVideo(api, video_id, {
        intervalMs: 2_000,
        maxIntervalMs: 15_000,
        timeoutMs: 3_600_000,
        now,
        sleep,
        random: () => 0.5,
        plan,
      });
      expect(video.status).toBe('completed');
      return { requests: sandbox.counters.requests['GET /v3/videos/:id'] ?? 0, delay: now() - started - 610_000, waits: [...sleeps] };
    };
    const plan = priorPlan(prior);
    const planned = await run(plan);
    const expected = gaps(pollTimes(plan, 700_000)).slice(0, planned.waits.length);
    expect(planned.waits).toEqual(expected);
    const backoff = await run();
    expect(planned.requests).toBeLessThanOrEqual(officialCost(prior).requests);
    expect(planned.requests).toBeLessThan(backoff.requests);
    // Noticed by the first poll after the end, at the plan's dense spacing there.
    expect(planned.delay).toBeLessThan(planned.waits[planned.waits.length - 1]!);
  });
});
