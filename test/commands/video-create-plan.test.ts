// `video create --wait` learns this user's render times (render-times.json in the config folder).
// Before it knows five renders of an engine and resolution, it polls no more often than HeyGen's
// documented 10-second loop would (issue 28: a finished render is noticed within seconds on a
// fresh machine); from the fifth on, by the plan: no more status requests than the official CLI.
// --interval and the interval setting keep the plain backoff.
// The sandbox renders on an injected clock that every sleep moves forward.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { HISTORY_FILE, speechMs } from '../../src/core/poll/render-history.js';
import { CREATED_FILE } from '../../src/core/poll/created-renders.js';
import { docsRequests, JITTER } from '../../src/core/poll/schedule.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { silentWav } from '../helpers/wav.js';

let clock = 1_800_000_000_000;
const now = () => clock;
const sleep = async (ms: number) => {
  clock += ms;
};
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now, concurrencyLimit: 100, renderMs: 300_000 });
});
afterAll(async () => {
  await sandbox.close();
});

const script = 'Welcome to the quarterly update. Here is what changed since the last one and what comes next.';
async function create(configDir: string, extra: string[] = [], env: Record<string, string> = {}) {
  sandbox.resetCounters();
  const r = await runTwin(
    ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', script, '--wait', '--json', ...extra],
    {
      sandbox,
      now,
      sleep,
      env: { TWIN_CONFIG_DIR: configDir, ...env },
    },
  );
  expect(r.code, r.stderr).toBe(0);
  return sandbox.counters.requests['GET /v3/videos/:id'] ?? 0;
}

describe('video create --wait with a render history', () => {
  it('polls no more than the 10-second loop from the first render (and notices the end within seconds), no more than the official CLI from the fifth on; --interval and TWIN_INTERVAL keep the backoff', async () => {
    const dir = join(tempDir(), 'config');
    // The docs' loop polls a 5-minute render 31 times (0, 10, …, 300 s); the official CLI about 15
    // (0, 2, 6, 14, 30 s, then every 30 s); twin's old backoff (2 s ×1.5 to 15 s) about 25.
    const first: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = clock;
      first.push(await create(dir));
      // Seen finished at most one (jittered) loop interval after the end.
      expect(clock - started - 300_000).toBeLessThanOrEqual((10_000 * (1 + JITTER)) / (1 - JITTER));
    }
    for (const requests of first) expect(requests).toBeLessThanOrEqual(docsRequests(300_000));
    expect(Math.min(...first)).toBeGreaterThan(15);
    const history = JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')).renders;
    expect(history).toHaveLength(5);
    expect(history[0]).toMatchObject({ engine: 'avatar_iv', resolution: '1080p', renderMs: 300_000 });
    // With five renders of the kind, the plan skips the polls before the likely end.
    expect(await create(dir)).toBeLessThanOrEqual(15);
    expect(await create(dir, ['--interval', '2s'])).toBeGreaterThanOrEqual(22);
    expect(await create(dir, [], { TWIN_INTERVAL: '2s' })).toBeGreaterThanOrEqual(22);
  });
});

describe('video create --audio --wait', () => {
  it('knows the render lasts as long as the local audio file: held to the 10-second loop, and remembered', async () => {
    const dir = join(tempDir(), 'config');
    const cwd = tempDir();
    writeFileSync(join(cwd, 'narration.wav'), silentWav(60));
    sandbox.resetCounters();
    const started = clock;
    const r = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--audio', './narration.wav', '--wait', '--json'], {
      sandbox,
      now,
      sleep,
      cwd,
      env: { TWIN_CONFIG_DIR: dir },
    });
    expect(r.code, r.stderr).toBe(0);
    // The docs' loop polls a 5-minute render 31 times; what the plan saves while the minute of
    // audio plays it spends around the likely end.
    expect(sandbox.counters.requests['GET /v3/videos/:id'] ?? 0).toBeLessThanOrEqual(docsRequests(300_000));
    expect(clock - started - 300_000).toBeLessThanOrEqual((10_000 * (1 + JITTER)) / (1 - JITTER));
    const history = JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')).renders;
    expect(history).toEqual([expect.objectContaining({ speechMs: 60_000, renderMs: 300_000 })]);
  });
});

describe('video wait of a video made earlier', () => {
  it('polls no more than the 10-second loop would from the start of the wait, and notices the end within seconds', async () => {
    const dir = join(tempDir(), 'config');
    const env = { TWIN_CONFIG_DIR: dir };
    const made = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', script, '--quiet'], {
      sandbox,
      now,
      sleep,
      env,
    });
    expect(made.code, made.stderr).toBe(0);
    const id = made.stdout.trim();
    clock += 120_000; // made two minutes ago; three of its five minutes to go
    sandbox.resetCounters();
    const started = clock;
    const r = await runTwin(['video', 'wait', id, '--json'], { sandbox, now, sleep, env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).videos[0].status).toBe('completed');
    // The docs' loop, started with the wait, polls at 0, 10, …, 180 s: 19 requests. The official
    // CLI polls at 0, 2, 6, 14, 30, 60, …, 180 s (10) and sees the end late on average.
    expect(sandbox.counters.requests['GET /v3/videos/:id'] ?? 0).toBeLessThanOrEqual(docsRequests(180_000));
    expect(clock - started - 180_000).toBeLessThanOrEqual((10_000 * (1 + JITTER)) / (1 - JITTER));
  });
});

describe('video wait of a video this machine created', () => {
  it('plans from what the create knew (its script and this user’s history), as `video create --wait` would', async () => {
    const basis = { engine: 'avatar_iv', resolution: '1080p', speechMs: speechMs(script) };
    const history = Array.from({ length: 5 }, (_, i) => ({ ...basis, renderMs: 300_000, at: i + 1 }));
    const waitFor = async (rememberCreate: boolean) => {
      const dir = join(tempDir(), 'config');
      const env = { TWIN_CONFIG_DIR: dir };
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, HISTORY_FILE), JSON.stringify({ version: 1, renders: history }));
      const made = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', script, '--quiet'], {
        sandbox,
        now,
        sleep,
        env,
      });
      expect(made.code, made.stderr).toBe(0);
      const id = made.stdout.trim();
      const created = JSON.parse(readFileSync(join(dir, CREATED_FILE), 'utf8')).renders;
      expect(created).toEqual([expect.objectContaining({ id, ...basis })]);
      if (!rememberCreate) rmSync(join(dir, CREATED_FILE));
      clock += 60_000; // made a minute ago; four of its five minutes to go
      sandbox.resetCounters();
      const started = clock;
      const r = await runTwin(['video', 'wait', id, '--json'], { sandbox, now, sleep, env });
      expect(r.code, r.stderr).toBe(0);
      expect(clock - started - 240_000).toBeLessThanOrEqual((10_000 * (1 + JITTER)) / (1 - JITTER));
      // The finished render joins the history, from the server's timestamps.
      expect(JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')).renders).toHaveLength(rememberCreate ? 6 : 5);
      return sandbox.counters.requests['GET /v3/videos/:id'] ?? 0;
    };
    const known = await waitFor(true);
    const elsewhere = await waitFor(false);
    // Made elsewhere, the wait knows only that the render has run a minute: the 10-second loop's pace.
    expect(elsewhere).toBeGreaterThan(15);
    // Made here, it knows the render takes about five minutes: it skips the polls before the likely end.
    expect(known).toBeLessThanOrEqual(elsewhere / 2);
  });
});
