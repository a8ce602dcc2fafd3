// The pollers against the sandbox with one injected clock: the sandbox renders on it and every
// sleep moves it forward, so a half-hour wait runs in milliseconds and the schedule is exact.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { HeyGenClient, Video } from '../../src/api/index.js';
import { backoffInterval, pollVideo, pollVideos, statusLabel, statusPhase, type PollTiming } from '../../src/core/poll/poller.js';
import { ExitCode, TwinError } from '../../src/shared/errors.js';
import { rejectionOf } from '../helpers/harness.js';
import { useFakeClockSandbox } from '../helpers/fake-clock.js';

const fake = useFakeClockSandbox(1000);
const { sleeps, now, sleep } = fake;
let sandbox: Sandbox;
let api: HeyGenClient;
beforeAll(() => {
  ({ sandbox, api } = fake);
});
beforeEach(() => {
  sleeps.length = 0;
  sandbox.resetCounters();
});

function timing(extra: Partial<PollTiming> = {}): PollTiming {
  return { intervalMs: 2_000, maxIntervalMs: 15_000, timeoutMs: 30 * 60_000, now, sleep, random: () => 0.5, ...extra };
}

async function createVideo(renderMs: number): Promise<string> {
  sandbox.options.renderMs = renderMs;
  const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
  return video_id;
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, TwinError);

describe('pollVideo', () => {
  it('backs off ×1.5 from the interval to the cap and polls once per wait', async () => {
    const id = await createVideo(90_000);
    const seen: string[] = [];
    const video = await pollVideo(api, id, timing(), (v) => seen.push(v.status));
    expect(video.status).toBe('completed');
    expect(video.video_url).toMatch(/^http/);
    expect(sleeps.slice(0, 7)).toEqual([2_000, 3_000, 4_500, 6_750, 10_125, 15_000, 15_000]);
    expect(Math.max(...sleeps)).toBe(15_000);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(90_000);
    expect(sandbox.counters.requests['GET /v3/videos/:id']).toBe(sleeps.length + 1);
    expect(seen[0]).toBe('pending');
    expect(seen).toContain('processing');
  });

  it('spreads the waits with at most ±10 % jitter', async () => {
    const id = await createVideo(20_000);
    await pollVideo(api, id, timing({ random: () => 0 }));
    expect(sleeps[0]).toBe(1_800);
    sleeps.length = 0;
    const id2 = await createVideo(20_000);
    await pollVideo(api, id2, timing({ random: () => 0.999999 }));
    expect(sleeps[0]).toBe(2_200);
    expect(backoffInterval(10, { intervalMs: 2_000, maxIntervalMs: 15_000 })).toBe(15_000);
  });

  it('honours Retry-After on a 429 and then keeps its own schedule', async () => {
    const id = await createVideo(30_000);
    sandbox.inject({ kind: '429', route: 'GET /v3/videos/:id', retryAfter: '7' });
    const video = await pollVideo(api, id, timing());
    expect(video.status).toBe('completed');
    expect(sleeps[0]).toBe(7_000); // the client's wait, as the server asked
    expect(sleeps.slice(1, 4)).toEqual([2_000, 3_000, 4_500]);
  });

  it('waits out rate limiting that outlasts the client retries', async () => {
    const id = await createVideo(30_000);
    sandbox.inject({ kind: '429', route: 'GET /v3/videos/:id', retryAfter: '4', times: 4 });
    const video = await pollVideo(api, id, timing());
    expect(video.status).toBe('completed');
    // Client: 429, wait 4 s, 429, wait 4 s, 429 (retries spent) → the poller waits what the
    // server asked (not its shorter 2 s interval) and polls again; that poll's 429 is retried by
    // the client once more and succeeds; then the poller's own schedule goes on.
    expect(sleeps.slice(0, 5)).toEqual([4_000, 4_000, 4_000, 4_000, 3_000]);
  });

  it('times out with exit 4, the last status and the exact resume command', async () => {
    const id = await createVideo(20 * 60_000);
    const error = await failure(pollVideo(api, id, timing({ timeoutMs: 5 * 60_000 })));
    expect(error.exitCode).toBe(ExitCode.timeout);
    expect(error.message).toContain(id);
    expect(error.message).toContain('last status: processing');
    expect(error.suggestion).toBe(`Resume with: twin video wait ${id}`);
    // The last wait is cut so the final poll happens exactly at the deadline.
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(5 * 60_000);
  });

  it('resolves with a failed video (the caller decides it is exit 5)', async () => {
    sandbox.inject({ kind: 'fail-render', failureCode: 'download_failed', failureMessage: 'Background image could not be fetched.' });
    const id = await createVideo(5_000);
    const video = await pollVideo(api, id, timing());
    expect(video.status).toBe('failed');
    expect(video.failure_code).toBe('download_failed');
    expect(video.failure_message).toBe('Background image could not be fetched.');
  });

  it('stops with exit 130 and the resume line when aborted', async () => {
    const id = await createVideo(60_000);
    const controller = new AbortController();
    const error = await failure(
      pollVideo(api, id, {
        ...timing(),
        signal: controller.signal,
        sleep: async (ms) => {
          await sleep(ms);
          if (sleeps.length === 2) controller.abort();
        },
      }),
    );
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(error.suggestion).toBe(`Resume with: twin video wait ${id}`);
  });

  it('rethrows a 404 that outlasts the read-after-write lag (a few reads), with the resume command', async () => {
    const error = await failure(pollVideo(api, 'vid_does_not_exist', timing()));
    expect(error.exitCode).toBe(ExitCode.api);
    expect(sleeps).toHaveLength(4);
    expect(error.details.resume).toBe('twin video wait vid_does_not_exist');
  });

  it('shows an unknown status as it is and keeps waiting', async () => {
    const statuses = ['waiting', 'rendering_hd', 'rendering_hd', 'completed'];
    const fake = {
      getVideo: async (id: string) => ({ id, status: statuses.shift()! }) as Video,
      getVideoStatuses: async () => ({ data: [], has_more: false, next_token: null }),
    };
    const seen: string[] = [];
    const video = await pollVideo(fake, 'vid_x', timing(), (v) => seen.push(statusLabel(v.status)));
    expect(video.status).toBe('completed');
    expect(seen).toEqual(['queued', 'rendering_hd', 'rendering_hd', 'completed']);
    expect(statusPhase('rendering_hd')).toBe('unknown');
    expect(['waiting', 'queued', 'pending'].map(statusPhase)).toEqual(['not_started', 'not_started', 'not_started']);
  });
});

describe('pollVideos', () => {
  it('polls 250 ids with exactly 3 bulk status requests per cycle, then fetches each finished video once', async () => {
    const ids: string[] = [];
    sandbox.options.renderMs = 40_000;
    const bodies = Array.from({ length: 250 }, (_, i) => i);
    for (const i of bodies)
      ids.push(
        (await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: `Video ${i}.` })).video_id,
      );
    sandbox.resetCounters();
    const received = sandbox.received.length;
    const snapshots: Array<Record<string, number>> = [];
    const terminal: string[] = [];
    const result = await pollVideos(
      api,
      ids,
      timing(),
      (s) => snapshots.push(s.counts),
      (id) => terminal.push(id),
    );

    const cycles = sleeps.length + 1;
    expect(cycles).toBeGreaterThan(3);
    expect(sandbox.counters.requests['GET /v3/videos/statuses']).toBe(3 * cycles);
    expect(sandbox.counters.requests['GET /v3/videos/:id']).toBe(250);
    const statusCalls = sandbox.received.slice(received).filter((r) => r.path === '/v3/videos/statuses');
    expect(
      statusCalls
        .map((r) => r.query.video_ids!.split(',').length)
        .slice(0, 3)
        .sort(),
    ).toEqual([100, 100, 50]);
    expect([...result.values()].every((v) => v.status === 'completed' && v.video_url)).toBe(true);
    expect([...result.keys()]).toEqual(ids);
    expect(terminal.sort()).toEqual([...ids].sort());
    expect(snapshots[0]).toEqual({ queued: 250 });
    expect(snapshots.at(-1)).toEqual({ completed: 250 });
  });

  it('asks only about unfinished videos and treats unknown ids as terminal not_found', async () => {
    sandbox.options.renderMs = 5_000;
    const quick = await createVideo(5_000);
    const slow = await createVideo(30_000);
    const result = await pollVideos(api, [quick, slow, 'vid_unknown', quick], timing());
    expect([...result.keys()]).toEqual([quick, slow, 'vid_unknown']);
    expect(result.get('vid_unknown')?.status).toBe('not_found');
    expect(result.get(slow)?.status).toBe('completed');
    const last = sandbox.received.filter((r) => r.path === '/v3/videos/statuses').at(-1)!;
    expect(last.query.video_ids).toBe(slow);
  });

  it('times out with every unfinished id in the resume command', async () => {
    const a = await createVideo(10 * 60_000);
    const b = await createVideo(10 * 60_000);
    const done = await createVideo(1_000);
    const error = await failure(pollVideos(api, [a, done, b], timing({ timeoutMs: 2 * 60_000 })));
    expect(error.exitCode).toBe(ExitCode.timeout);
    expect(error.suggestion).toBe(`Resume with: twin video wait ${a} ${b}`);
    expect(error.message).toContain('2 processing');
  });

  it("repeats the caller's flags in the resume command, and every id when asked to", async () => {
    const slow = await createVideo(10 * 60_000);
    const done = await createVideo(1_000);
    const resumeArgs = ['--download', 'out/', '--captions'];
    const error = await failure(pollVideos(api, [done, slow], timing({ timeoutMs: 60_000, resumeArgs, resumeAllIds: true })));
    expect(error.suggestion).toBe(`Resume with: twin video wait ${done} ${slow} --download out/ --captions`);
    expect(error.details.video_ids).toEqual([slow]);
    expect(error.message).toContain(`waiting for video ${slow} (1 processing)`);
  });
});
