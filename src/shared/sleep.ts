// The one sleep every wait goes through. setTimeout takes at most 2^31-1 ms (~24.8 days); past
// that Node prints a TimeoutOverflowWarning and fires after 1 ms, which turns a long wait into a
// busy loop. Long sleeps are cut into slices below that limit; NaN and negatives sleep 0 ms.

/** The longest delay setTimeout honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after ms, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let left = Number.isFinite(ms) && ms > 0 ? ms : ms === Infinity ? Number.MAX_SAFE_INTEGER : 0;
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const arm = () => {
      const slice = Math.min(left, MAX_TIMER_MS);
      left -= slice;
      timer = setTimeout(() => {
        if (left > 0) return arm();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, slice);
    };
    arm();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
