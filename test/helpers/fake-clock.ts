// A sandbox and a client on one injected clock: the sandbox renders on it and every sleep moves
// it forward (and is recorded), so a half-hour wait runs in milliseconds and a schedule is exact.
import { afterAll, beforeAll } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export interface FakeClockSandbox {
  /** Every sleep's length, in order; empty it with `sleeps.length = 0`. */
  readonly sleeps: number[];
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Set by the time the file's own beforeAll runs. */
  sandbox: Sandbox;
  api: HeyGenClient;
}

/** `options`: the sandbox's (a number is its concurrencyLimit). */
export function useFakeClockSandbox(options: number | Omit<SandboxOptions, 'now'>): FakeClockSandbox {
  const sandboxOptions = typeof options === 'number' ? { concurrencyLimit: options } : options;
  let clock = 1_800_000_000_000;
  const fake = {
    sleeps: [] as number[],
    now: () => clock,
    sleep: async (ms: number) => {
      fake.sleeps.push(ms);
      clock += ms;
    },
  } as FakeClockSandbox;
  beforeAll(async () => {
    fake.sandbox = await startSandbox({ ...sandboxOptions, now: fake.now });
    fake.api = createClient({ baseUrl: fake.sandbox.url, apiKey: fake.sandbox.apiKey, sleep: fake.sleep, maxRetries: 2 });
  });
  afterAll(async () => {
    await fake.api.close();
    await fake.sandbox.close();
  });
  return fake;
}
