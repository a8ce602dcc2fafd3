// The one sleep behind every wait: a delay past setTimeout's limit (2^31-1 ms, ~24.8 days) must
// neither warn (TimeoutOverflowWarning) nor fire after 1 ms (a busy loop); Ctrl-C still stops it.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, sleep } from '../../src/shared/sleep.js';
import { createContext } from '../../src/ui/context.js';
import { PassThrough } from 'node:stream';

async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on a later tick
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('sleep', () => {
  it.each([
    ['the core sleep', (ms: number, signal: AbortSignal) => sleep(ms, signal)],
    [
      'a command context sleep',
      (ms: number, signal: AbortSignal) => {
        const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
        return createContext({ streams, env: {}, cwd: '/' }).sleep(ms, signal);
      },
    ],
  ] as const)('%s: a year-long delay neither warns nor returns early; abort ends it', async (_name, sleepFor) => {
    const controller = new AbortController();
    let settled = 'pending';
    const warnings = await warningsDuring(async () => {
      const pending = sleepFor(365 * 24 * 3_600_000, controller.signal).then(
        () => (settled = 'resolved'),
        () => (settled = 'rejected'),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(settled).toBe('pending');
      controller.abort();
      await pending;
    });
    expect(settled).toBe('rejected');
    expect(warnings).toEqual([]);
  });

  it('short and odd delays resolve', async () => {
    await sleep(1);
    await sleep(0);
    await sleep(-5);
    await sleep(Number.NaN);
    expect(MAX_TIMER_MS).toBe(2_147_483_647);
  });
});
