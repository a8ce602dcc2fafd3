// A sleep that ends early when something happens: the batch loop waits for the next poll,
// but a create that answers or a download that ends should be acted on at once.

const LONGEST_SLEEP_MS = 1000;

export class Waker {
  private dirty = false;
  private wake: (() => void) | undefined;

  constructor(private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>) {}

  /** Something changed: end the current sleep, or skip the next one. */
  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Sleeps up to `ms` (at most a second at a time), or until notify(). */
  async wait(ms: number): Promise<void> {
    if (this.dirty || ms <= 0) {
      this.dirty = false;
      // Still yield to I/O: a loop of resolved promises would starve the sockets it waits on.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    const woken = new AbortController();
    this.wake = () => woken.abort();
    try {
      await this.sleep(Math.min(ms, LONGEST_SLEEP_MS), woken.signal);
    } catch {
      // woken early, or interrupted: the caller looks at why
    } finally {
      this.wake = undefined;
      this.dirty = false;
    }
  }
}
