// Every wait is bounded by --timeout, whatever the API does: a status read that never answers,
// a Retry-After of an hour. And a long server-asked wait is shown while it runs.
import { describe, expect, it } from 'vitest';
import { runTwin, sandboxCall } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 60_000 });

async function newVideo(): Promise<string> {
  const created = await sandboxCall(sandbox, 'POST', '/v3/videos', {
    type: 'avatar',
    avatar_id: 'lk_alex_office',
    voice_id: 'v_en_m_01',
    script: 'Hi',
  });
  return created.data.video_id as string;
}

describe('--timeout bounds the whole wait', () => {
  it.each([
    ['one video (GET /v3/videos/{id})', 1, 'GET /v3/videos/:id'],
    ['several videos (GET /v3/videos/statuses)', 2, 'GET /v3/videos/statuses'],
  ] as const)('%s: a status read that never answers ends at the deadline with exit 4', async (_name, count, route) => {
    const ids = await Promise.all(Array.from({ length: count }, newVideo));
    sandbox.inject({ kind: 'hang', route, times: 20 });
    const before = sandbox.counters.requests[route] ?? 0;
    // The read timeout is 30 s and the client retries 2 times: without the deadline this run
    // would take 90 s or more (the test would time out).
    const { code, stderr } = await runTwin(['video', 'wait', ...ids, '--timeout', '1500ms', '--interval', '100ms'], { sandbox });
    sandbox.clearFaults();
    expect(code).toBe(4);
    expect(stderr).toMatch(/Timed out after 1s waiting for/);
    expect(stderr).toContain(`twin video wait ${ids.join(' ')}`);
    // One status read took all the time there was: it was not retried past the deadline.
    expect((sandbox.counters.requests[route] ?? 0) - before).toBe(1);
  });
});

describe('a long Retry-After', () => {
  it('an hour-long rate limit during a wait ends at --timeout (exit 4), not after the hour', async () => {
    const id = await newVideo();
    sandbox.inject({ kind: '429', route: 'GET /v3/videos/:id', retryAfter: '3600', times: 10 });
    const { code, stderr } = await runTwin(['video', 'wait', id, '--timeout', '1s', '--interval', '100ms'], { sandbox });
    const left = sandbox.pendingFaults().length;
    sandbox.clearFaults();
    expect(code).toBe(4);
    expect(stderr).toMatch(/Timed out after 1s/);
    expect(left).toBe(1); // polled at the start and once at the deadline, no more
  });

  it.each([
    ['a terminal-less run (CI)', {}, /^rate limited; retrying in 2m 00s \(GET \/v3\/users\/me\)$/m],
    ['--json (stderr only)', { json: true }, /^rate limited; retrying in 2m 00s \(GET \/v3\/users\/me\)$/m],
  ] as const)('%s: a wait of minutes is announced on stderr', async (_name, opts, line) => {
    sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '120' });
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    const { code, stdout, stderr } = await runTwin(['auth', 'status', ...('json' in opts ? ['--json'] : [])], { sandbox, sleep });
    expect(code).toBe(0);
    expect(slept).toContain(120_000);
    expect(stderr).toMatch(line);
    expect(stdout).not.toMatch(/rate limited/);
  });

  it('--quiet shows no wait; a short one (2 s) is never announced', async () => {
    sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '120' });
    sandbox.inject({ kind: '429', route: 'GET /v3/users/me', retryAfter: '2' });
    const sleep = async () => {};
    const quiet = await runTwin(['auth', 'status', '--quiet'], { sandbox, sleep });
    expect(quiet.stderr).toBe('');
    const short = await runTwin(['auth', 'status'], { sandbox, sleep });
    expect(short.stderr).not.toMatch(/rate limited/);
  });

  it('past the cap: stops at once, saying how long the API asked for (exit 1)', async () => {
    sandbox.inject({ kind: '429', route: 'GET /v3/avatars/looks', retryAfter: '10800' });
    const slept: number[] = [];
    const { code, stderr } = await runTwin(['looks', 'list'], { sandbox, sleep: async (ms) => void slept.push(ms) });
    expect(code).toBe(1);
    expect(slept).toEqual([]);
    expect(stderr).toContain('asked to wait 3h 00m before the next request (Retry-After), longer than twin waits (1h 00m)');
  });
});
