import type { Clock, TimerHandle } from '@artemis/protocol';

/** A clock the test moves by hand; timers run when `advance` passes their due time. */
export class ManualClock implements Clock {
  #now = 1_000_000;
  #timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.#now + Math.max(0, ms), callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Timers still waiting to run. */
  get pending(): number {
    return this.#timers.filter(timer => !timer.cancelled).length;
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter(timer => !timer.cancelled && timer.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;

      this.#now = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.#now = until;
    this.#timers = this.#timers.filter(timer => !timer.cancelled);
  }
}

/** A random source that returns the given values in turn, then repeats the last. */
export function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[Math.min(index++, values.length - 1)] ?? 0;
}
