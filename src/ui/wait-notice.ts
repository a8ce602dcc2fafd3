// Shows a wait the server asked for (429 Retry-After, a 503 with Retry-After) while it runs, so
// a long one never looks like a hang: on a terminal a countdown line rewritten in place, in logs
// and CI one line at the start and a heartbeat once a minute. Short waits (the usual 1-2 s of a
// rate limit) stay silent; --quiet shows none.
import { clearLine, cursorTo } from './cursor.js';
import type { RetryWait } from '../api/retry-wait.js';
import { formatElapsed } from '../shared/elapsed.js';
import type { IO } from './io.js';
import type { Output } from './output.js';
import { HEARTBEAT_MS } from './spinner.js';

/** Waits shorter than this are not announced. */
const SHOW_WAITS_FROM_MS = 10_000;

export function retryWaitNotice(io: IO, out: Output, now: () => number): (wait: RetryWait) => (() => void) | undefined {
  return (wait) => {
    if (wait.delayMs < SHOW_WAITS_FROM_MS || out.mode === 'quiet') return undefined;
    const until = now() + wait.delayMs;
    const what = wait.status === 429 ? 'rate limited' : `${wait.endpoint} answered ${wait.reason}`;
    const line = () => `${what}; retrying in ${formatElapsed(Math.max(0, until - now()) + 999)}`;
    const stderr = io.stderr;
    if (io.animate && out.mode === 'human') {
      const draw = () => {
        cursorTo(stderr, 0);
        clearLine(stderr, 0);
        stderr.write(`${out.style.yellow('!')} ${line()} ${out.style.dim(`(${wait.endpoint}; Ctrl-C stops)`)}`);
      };
      draw();
      const timer = setInterval(draw, 1000);
      timer.unref();
      return () => {
        clearInterval(timer);
        cursorTo(stderr, 0);
        clearLine(stderr, 0);
      };
    }
    stderr.write(`${line()} (${wait.endpoint})\n`);
    const timer = setInterval(() => stderr.write(`still ${line()}\n`), HEARTBEAT_MS);
    timer.unref();
    return () => clearInterval(timer);
  };
}
