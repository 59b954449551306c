import { ArtemisAbortError } from './errors.js';

/** Throws a typed abort error when the signal has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ArtemisAbortError(signal.reason);
}

/**
 * Waits `ms` milliseconds on an unref'd timer, so a pending wait never keeps the process alive.
 * Rejects with `ArtemisAbortError` as soon as `signal` fires, and clears its timer.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new ArtemisAbortError(signal.reason));

  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ArtemisAbortError(signal?.reason));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
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
    const forward = (): void => controller.abort(parent.reason);
    parent.addEventListener('abort', forward, { once: true });
    cleanups.push(() => parent.removeEventListener('abort', forward));
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
