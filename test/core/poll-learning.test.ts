// Issue 28: a run's first finished renders teach the rest (a multi-id `video wait`, a batch's
// rows), and a committed lock's durations give a fresh machine the team's history. Pure plans
// on numbers, then a real multi-id wait against the sandbox on an injected clock.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { pollVideos } from '../../src/core/poll/poller.js';
import { learningPlan, RunLearner } from '../../src/core/poll/run-learning.js';
import { planFor } from '../../src/core/poll/plan-choice.js';
import { priorFromLock, renderSecondsOf, teamRecords } from '../../src/core/poll/team-history.js';
import { broadPrior, MIN_RENDERS } from '../../src/core/poll/render-history.js';
import { docsRequests, pollTimes } from '../../src/core/poll/schedule.js';
import { useFakeClockSandbox } from '../helpers/fake-clock.js';

const START = 1_800_000_000_000;
const basis = { engine: 'avatar_iv', resolution: '1080p', speechMs: 60_000 };
const done = (renderMs: number, createdMs = START) => ({
  status: 'completed',
  created_at: createdMs / 1000,
  completed_at: (createdMs + renderMs) / 1000,
});

describe('RunLearner', () => {
  it('learns render times from completed videos only, from the server timestamps, else what the wait saw', () => {
    const learner = new RunLearner();
    expect(learner.prior()).toBeUndefined();
    learner.observe({ status: 'failed', created_at: 1, completed_at: 500 });
    learner.observe({ status: 'completed' });
    expect(learner.count).toBe(0);
    learner.observe(done(300_000), 999_999, basis, 5);
    learner.observe({ status: 'completed' }, 320_000);
    learner.observe(done(310_000));
    const prior = learner.prior()!;
    expect(prior.medianMs).toBeCloseTo(310_000, -3);
    expect(prior.sigma).toBeGreaterThanOrEqual(0.25);
    expect(learner.createdAtMs()).toBe(START);
    // With a basis (a batch row) the render also becomes a record that planFor reads.
    expect(learner.records).toEqual([{ ...basis, renderMs: 300_000, at: 5 }]);
  });

  it("gives a batch's later rows a narrow plan once five rows of the kind have finished", () => {
    const learner = new RunLearner();
    const before = planFor(learner.records, basis);
    for (let i = 0; i < MIN_RENDERS; i++) learner.observe(done(240_000 + i * 1_000), undefined, { ...basis, speechMs: 60_000 });
    const after = planFor(learner.records, basis);
    // The broad plan reads every 10 s or so from the first minute on; the learned one leaves the
    // first three minutes of a four-minute render nearly alone.
    const early = (plan: (t: number) => number) => pollTimes(plan, 180_000).filter((t) => t > 60_000 && t < 180_000).length;
    expect(early(before)).toBeGreaterThanOrEqual(10);
    expect(early(after)).toBeLessThanOrEqual(4);
  });
});

describe('learningPlan (several ids in one wait)', () => {
  const before = (times: number[], T: number) => times.filter((t) => t < T).length;

  /** Poll times of a wait over renders ending at `ends` (wait time), each learned when first seen. */
  function run(ends: number[], createdMs = START, learn = true): number[] {
    const { plan, learn: tell } = learningPlan(START);
    const seen = new Set<number>();
    const times = [0];
    while (seen.size < ends.length && times.length < 10_000) {
      const t = times[times.length - 1]!;
      ends.forEach((end, i) => {
        if (seen.has(i) || end > t) return;
        seen.add(i);
        if (learn) tell(done(end + START - createdMs, createdMs), t);
      });
      if (seen.size < ends.length) times.push(t + plan(t));
    }
    return times;
  }

  it('never spends more than the 10-second loop by any moment, whatever it learns (after the early reads)', () => {
    for (const ends of [
      [300_000, 310_000, 330_000, 900_000],
      [50_000, 1_200_000],
      [20_000, 25_000, 3_000_000],
    ]) {
      const times = run(ends);
      for (let T = 20_500; T <= times[times.length - 1]!; T += 500) expect(before(times, T) + 1).toBeLessThanOrEqual(docsRequests(T));
    }
  });

  it('after the first render, polls around the others’ likely end, and far past it reads less often (at most 30 s apart)', () => {
    // Made 10 minutes before the wait; the first is seen finished 30 s in: the others (made with
    // it) are due about then, and once far past it the learned plan reads less often.
    const made = START - 600_000;
    const ends = [30_000, 40_000, 45_000, 1_500_000];
    const learned = run(ends, made);
    const blind = run(ends, made, false);
    const within = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;
    // Both catch the second and third quickly.
    expect(learned.find((t) => t >= 45_000)! - 45_000).toBeLessThanOrEqual(10_000);
    // Far past the learned end, fewer reads than the loop's pace (the blind plan keeps it).
    expect(within(learned, 300_000, 1_500_000)).toBeLessThan(within(blind, 300_000, 1_500_000) * 0.6);
    // Never more than 30 s between reads.
    const waits = learned.slice(1).map((t, i) => t - learned[i]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
  });
});

describe('a multi-id `video wait` against the sandbox', () => {
  const fake = useFakeClockSandbox(100);
  let sandbox: Sandbox;
  let api: HeyGenClient;
  beforeAll(() => {
    ({ sandbox, api } = fake);
  });

  it('tells the plan of every render it sees finished, and stays within the loop', async () => {
    const ids: string[] = [];
    for (const ms of [120_000, 125_000, 130_000]) {
      sandbox.options.renderMs = ms;
      const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
      ids.push(video_id);
    }
    sandbox.resetCounters();
    const learned: Array<{ id: string; at: number }> = [];
    const { plan, learn } = learningPlan(fake.now());
    const started = fake.now();
    const result = await pollVideos(api, ids, {
      intervalMs: 2_000,
      maxIntervalMs: 15_000,
      timeoutMs: 3_600_000,
      now: fake.now,
      sleep: fake.sleep,
      random: () => 0.5,
      plan,
      learn: (video, elapsedMs) => {
        learned.push({ id: video.id, at: elapsedMs });
        learn(video, elapsedMs);
      },
    });
    expect([...result.values()].map((v) => v.status)).toEqual(['completed', 'completed', 'completed']);
    expect(learned.map((l) => l.id).sort()).toEqual([...ids].sort());
    const cycles = sandbox.counters.requests['GET /v3/videos/statuses'] ?? 0;
    expect(cycles).toBeLessThanOrEqual(docsRequests(fake.now() - started));
  });
});

describe('durations in the lock (history that travels with the project)', () => {
  it('records a render time in seconds from the server timestamps, else what the wait saw', () => {
    expect(renderSecondsOf({ created_at: 100, completed_at: 342 })).toBe(242);
    expect(renderSecondsOf({ created_at: 100 }, 61_234)).toBe(61.2);
    expect(renderSecondsOf({})).toBeUndefined();
  });

  it('turns lock rows into records, skipping rows without a basis or a plausible duration, oldest first', () => {
    const records = teamRecords([
      { basis, renderSeconds: 240, renderedAt: '2026-12-02T10:00:00Z' },
      { basis, renderSeconds: 250, renderedAt: '2026-12-01T10:00:00Z' },
      { renderSeconds: 240 },
      { basis },
      { basis, renderSeconds: -1 },
      { basis, renderSeconds: 10 * 24 * 3600 },
    ]);
    expect(records.map((r) => r.renderMs)).toEqual([250_000, 240_000]);
  });

  it('a committed lock with five renders of the kind gives a fresh machine a narrow prior; fewer, a broad one from them', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({
      basis: { ...basis, speechMs: 30_000 + i * 10_000 },
      renderSeconds: (30 + i * 10) * 3,
      renderedAt: `2026-12-0${i + 1}T10:00:00Z`,
    }));
    const fresh = priorFromLock(rows, basis);
    expect(fresh.narrow).toBe(true);
    expect(fresh.prior.medianMs).toBeCloseTo(180_000, -3);
    expect(fresh.prior.sigma).toBeLessThan(0.2);
    const few = priorFromLock(rows.slice(0, 2), basis);
    expect(few.narrow).toBe(false);
    expect(few.prior.medianMs).toBeCloseTo(180_000, -3);
    expect(few.prior.sigma).toBeLessThan(broadPrior([], basis).sigma);
    // The user's own renders are read after the team's: with twenty of their own, theirs decide.
    const own = Array.from({ length: 20 }, (_, i) => ({ ...basis, renderMs: 120_000, at: 10 + i }));
    expect(priorFromLock(rows, basis, own).prior.medianMs).toBeCloseTo(120_000, -3);
  });
});
