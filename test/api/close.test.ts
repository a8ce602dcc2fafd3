// The client must not keep a CLI process alive: after close() no socket or timer of its own is
// left, also when Ctrl-C cut a retry sleep short. Counted with process.getActiveResourcesInfo().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/api/index.js';
import { InterruptedError } from '../../src/shared/errors.js';
import { caught, startTestSandbox } from './helpers.js';
import { until } from '../helpers/harness.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

/** Resources that outnumber the baseline, after the event loop has had a moment to settle. */
async function extra(before: Record<string, number>): Promise<Record<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return Object.fromEntries(Object.entries(handles()).filter(([k, n]) => n > (before[k] ?? 0)));
}

describe('client close()', () => {
  it('releases its keep-alive sockets and deadline timers, and can be called twice', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = handles();
    const client = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    await Promise.all([client.getMe(), client.listLooks({ limit: 2 }), client.getVoice('v_en_f_01')]);
    expect(Object.keys(await extra(before))).toContain('TCPSocketWrap'); // kept alive for reuse
    await client.close();
    await client.close();
    expect(await extra(before)).toEqual({});
  });

  it('drops the retry-sleep timer the moment Ctrl-C interrupts a 30 s Retry-After wait', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const controller = new AbortController();
    const client = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, signal: controller.signal });
    sandbox.inject({ kind: '503', route: 'GET /v3/users/me', retryAfter: '30' });
    const idle = timers();
    const pending = caught(client.getMe());
    // The 503 has been answered and the client is inside its real 30 s sleep (waited for, not guessed).
    await until(() => sandbox.pendingFaults().length === 0 && timers() > idle, 'the client to start its Retry-After sleep');
    const sleeping = timers();
    const started = Date.now();
    controller.abort();
    expect(await pending).toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(timers()).toBeLessThan(sleeping); // a leaked timer would hold a CLI process for 30 s
    await client.close();
    expect(sandbox.pendingFaults()).toEqual([]);
  });
});
