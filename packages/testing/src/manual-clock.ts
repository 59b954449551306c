/** What `ManualClock.setTimeout` returns: the shape of the SDK's timer handles. */
export interface ManualTimerHandle {
  cancel(): void;
}

interface ManualTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** Rounds of `setImmediate` after each timer: enough for a chain of awaits to run to its end. */
const SETTLE_ROUNDS = 5;

/**
 * A clock that moves only when the test says so. It fits the `clock` option of the registry,
 * discovery, address and WebSocket packages, so timer-driven behaviour (heartbeats, polls,
 * quarantines, pings) can be tested in no time and without flakiness.
 *
 * Timers run inside {@link advance}, in the order they fall due (in the order they were set
 * when due together), and the promises a timer starts settle before the next one runs, as they
 * would between two turns of the event loop.
 */
export class ManualClock {
  #now: number;
  #order = 0;
  #timers: ManualTimer[] = [];

  /** Starts at `startMs`, in epoch ms; far from 0 so that "a while ago" stays positive. */
  constructor(startMs = 1_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): ManualTimerHandle {
    const timer: ManualTimer = {
      at: this.#now + Math.max(0, ms),
      order: this.#order++,
      callback,
      cancelled: false,
    };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Timers set and neither run nor cancelled yet. */
  get pendingTimers(): number {
    return this.#timers.filter(timer => !timer.cancelled).length;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way, including those
   * the running ones set. Resolves when they and what they started have settled.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`);

    const until = this.#now + ms;
    for (let due = this.#nextDue(until); due; due = this.#nextDue(until)) {
      this.#now = due.at;
      due.cancelled = true;
      due.callback();
      await settle();
    }
    this.#now = until;
    this.#timers = this.#timers.filter(timer => !timer.cancelled);
    await settle();
  }

  #nextDue(until: number): ManualTimer | undefined {
    let next: ManualTimer | undefined;
    for (const timer of this.#timers) {
      if (timer.cancelled || timer.at > until) continue;
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) {
        next = timer;
      }
    }
    return next;
  }
}

async function settle(): Promise<void> {
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    await new Promise<void>(resolve => setImmediate(resolve));
  }
}
