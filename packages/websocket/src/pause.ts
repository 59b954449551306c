import type { Clock } from '@artemis/protocol';

/**
 * Waits `ms` on `clock`, or less when `signal` fires. Resolves true after the full wait, false
 * when aborted. Going through the clock keeps every timer of a socket in one place, so a test
 * clock can prove that `close()` leaves none behind.
 */
export function pause(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);

  return new Promise(resolve => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
