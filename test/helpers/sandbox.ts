// One sandbox per test file: started before the file's first test, closed after its last, so
// each file's requests and counters are its own.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/**
 * Registers beforeAll/afterAll hooks for a sandbox and returns a handle to it. The handle is
 * usable at module level (`const sandbox = useSandbox(...)`) and forwards to the running sandbox
 * once beforeAll has started it. `resetEach` zeroes its counters before every test, for files
 * whose tests assert "nothing was sent" with the counters.
 */
export function useSandbox(options: SandboxOptions = {}, { resetEach = false } = {}): Sandbox {
  let current: Sandbox | undefined;
  beforeAll(async () => {
    current = await startSandbox(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  if (resetEach) beforeEach(() => running().resetCounters());

  function running(): Sandbox {
    if (!current) throw new Error('useSandbox: the sandbox is used outside a test (it starts in beforeAll)');
    return current;
  }
  return new Proxy({} as Sandbox, {
    get(_target, prop) {
      const sandbox = running();
      const value: unknown = Reflect.get(sandbox, prop, sandbox);
      return typeof value === 'function' ? value.bind(sandbox) : value;
    },
    set: (_target, prop, value) => Reflect.set(running(), prop, value),
  });
}
