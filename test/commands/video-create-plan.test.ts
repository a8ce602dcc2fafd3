// `video create --wait` learns this user's render times (render-times.json in the config folder)
// and, from the fifth render of an engine and resolution on, polls by the plan: fewer status
// requests for the same render. --interval and the interval setting keep the plain backoff.
// The sandbox renders on an injected clock that every sleep moves forward.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { HISTORY_FILE } from '../../src/core/render-history.js';
import { runTwin, tempDir } from '../helpers/harness.js';

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
  const r = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', script, '--wait', '--json', ...extra], {
    sandbox,
    now,
    sleep,
    env: { TWIN_CONFIG_DIR: configDir, ...env },
  });
  expect(r.code, r.stderr).toBe(0);
  return sandbox.counters.requests['GET /v3/videos/:id'] ?? 0;
}

describe('video create --wait with a render history', () => {
  it('polls by the plan from the fifth render on, with fewer requests; --interval and TWIN_INTERVAL keep the backoff', async () => {
    const dir = join(tempDir(), 'config');
    // The backoff (2 s ×1.5 to 15 s, ±10 % jitter) polls a 5-minute render about 25 times.
    for (let i = 0; i < 5; i++) expect(await create(dir)).toBeGreaterThanOrEqual(22);
    const history = JSON.parse(readFileSync(join(dir, HISTORY_FILE), 'utf8')).renders;
    expect(history).toHaveLength(5);
    expect(history[0]).toMatchObject({ engine: 'avatar_iv', resolution: '1080p', renderMs: 300_000 });
    const planned = await create(dir);
    // The official CLI polls a 5-minute render about 15 times.
    expect(planned).toBeLessThanOrEqual(15);
    expect(await create(dir, ['--interval', '2s'])).toBeGreaterThanOrEqual(22);
    expect(await create(dir, [], { TWIN_INTERVAL: '2s' })).toBeGreaterThanOrEqual(22);
  });
});
