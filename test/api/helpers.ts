// Shared set-up for the API client tests: a real sandbox over HTTP, a client whose sleeps
// are recorded instead of waited, and every debug line kept for the secrecy check.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { createClient, type ClientOptions, type HeyGenClient } from '../../src/api/index.js';
import type { CreateVideoBody } from '../../src/api/index.js';
import { TwinError } from '../../src/shared/errors.js';

/** Long and distinctive, so a leak anywhere is easy to spot. */
export const TEST_API_KEY = 'hg-test-key-7c1f0e9ad2b84a06b5e1-SECRET';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ apiKey: TEST_API_KEY, concurrencyLimit: 1000, renderMs: 200, ...options });
}

export interface SandboxEnv {
  sandbox: Sandbox;
  /** Shared by the file's tests; counters are zeroed before each test. */
  t: TestClient;
}

/**
 * One sandbox and client per test file. After each test no scripted fault may be left over:
 * a fault a test injected but never met means the test did not exercise what it claims.
 */
export function useSandboxClient(options: SandboxOptions = {}): SandboxEnv {
  const env = {} as SandboxEnv;
  beforeAll(async () => {
    env.sandbox = await startTestSandbox(options);
    env.t = makeClient(env.sandbox);
  });
  beforeEach(() => env.sandbox.resetCounters());
  afterEach(() => {
    const left = env.sandbox.pendingFaults();
    env.sandbox.clearFaults(); // so one failure does not cascade into the next test
    expect(left, 'scripted faults left unused').toEqual([]);
  });
  afterAll(async () => {
    await env.t?.client.close();
    await env.sandbox?.close();
  });
  return env;
}

export interface TestClient {
  client: HeyGenClient;
  sleeps: number[];
  debugLines: string[];
}

export function makeClient(sandbox: Sandbox, extra: Partial<ClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const debugLines: string[] = [];
  const client = createClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5, // no jitter: delays are exact
    debug: (line) => debugLines.push(line),
    ...extra,
  });
  return { client, sleeps, debugLines };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function caught(promise: Promise<unknown>): Promise<TwinError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TwinError) return error;
    throw new Error(`expected a TwinError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}

export function videoBody(overrides: Partial<CreateVideoBody> = {}): CreateVideoBody {
  return {
    type: 'avatar',
    avatar_id: 'lk_alex_office',
    voice_id: 'v_en_m_01',
    script: 'Hello from the sandbox.',
    ...overrides,
  };
}

/** Requests the sandbox received for one route key since `from`. */
export function receivedSince(sandbox: Sandbox, from: number, method: string, path: string) {
  return sandbox.received.slice(from).filter((r) => r.method === method && r.path === path);
}
