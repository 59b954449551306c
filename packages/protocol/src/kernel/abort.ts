import type { Clock } from './clock.js';
import { ArtemisAbortError } from './errors.js';

/** Throws a typed abort error when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ArtemisAbortError(signal.reason);
}

// Many SDK operations may wait on one signal at once: a client's lifetime signal, or a caller's
// signal shared by a batch of parallel lookups. One 'abort' listener each would trip Node's
// listener-leak warning past ten, so every wait registers here, behind one listener per signal.
const abortWaiters = new WeakMap<AbortSignal, Set<{ callback: () => void }>>();

/**
 * Calls `callback` once when `signal` fires, and returns a function that cancels the call. Any
 * number of waits share one listener on the signal. The signal must not have fired yet.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiters = abortWaiters.get(signal);
  if (!waiters) {
    const created = new Set<{ callback: () => void }>();
    waiters = created;
    abortWaiters.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        abortWaiters.delete(signal);
        for (const waiter of created) waiter.callback();
        created.clear();
      },
      { once: true },
    );
  }

  const waiter = { callback };
  waiters.add(waiter);
  return () => {
    waiters.delete(waiter);
  };
}

/**
 * Waits `ms` milliseconds on an unref'd timer, so a pending wait never keeps the process alive.
 * Rejects with `ArtemisAbortError` as soon as `signal` fires, and clears its timer.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new ArtemisAbortError(signal.reason));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        stopWaiting?.();
        resolve();
      },
      Math.max(0, ms),
    );
    timer.unref();
    const stopWaiting = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(new ArtemisAbortError(signal.reason));
        })
      : undefined;
  });
}

/**
 * A signal that fires when any of the given signals fires or after `timeoutMs`, whichever comes
 * first. `dispose` releases the timer and the listeners once the operation is over.
 */
export function deriveSignal(
  parents: ReadonlyArray<AbortSignal | undefined>,
  timeoutMs?: number,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];

  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    cleanups.push(onAbort(parent, () => controller.abort(parent.reason)));
  }

  if (timeoutMs !== undefined && !controller.signal.aborted) {
    const timer = setTimeout(
      () => controller.abort(new TimeoutReason(timeoutMs)),
      Math.max(0, timeoutMs),
    );
    timer.unref();
    cleanups.push(() => clearTimeout(timer));
  }

  return {
    signal: controller.signal,
    dispose: () => cleanups.splice(0).forEach(cleanup => cleanup()),
  };
}

/** The reason a derived signal carries when its own timeout fired, not a parent. */
export class TimeoutReason {
  constructor(readonly timeoutMs: number) {}
}

/**
 * Waits `ms` on `clock`, or less when `signal` fires. Resolves true after the full wait, false
 * when cut short; never rejects. Going through the clock keeps every timer of a component in one
 * place, so a test clock can drive the wait and prove that nothing is left behind.
 */
export function pause(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);

  return new Promise(resolve => {
    const timer = clock.setTimeout(() => {
      stopWaiting?.();
      resolve(true);
    }, ms);
    const stopWaiting = signal
      ? onAbort(signal, () => {
          timer.cancel();
          resolve(false);
        })
      : undefined;
  });
}
