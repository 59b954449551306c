/** A handle to a scheduled callback. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the SDK sees it. Production code uses `systemClock`; tests may pass their own to drive
 * timers by hand. Every timer the system clock creates is unref'd, so the SDK never keeps a
 * process alive on its own.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
}

export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
});

/** A source of numbers in [0, 1), injectable so tests can make jitter deterministic. */
export type RandomSource = () => number;

export const systemRandom: RandomSource = Math.random;
