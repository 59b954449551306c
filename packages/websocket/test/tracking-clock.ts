import { systemClock } from '@artemis/protocol';
import type { Clock, TimerHandle } from '@artemis/protocol';

/** The system clock, counting the timers still pending, so a test can prove none is left. */
export class TrackingClock implements Clock {
  readonly #pending = new Set<object>();
  #created = 0;

  now(): number {
    return systemClock.now();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const token = {};
    this.#pending.add(token);
    this.#created += 1;
    const timer = systemClock.setTimeout(() => {
      this.#pending.delete(token);
      callback();
    }, ms);
    return {
      cancel: () => {
        this.#pending.delete(token);
        timer.cancel();
      },
    };
  }

  /** Timers created and neither fired nor cancelled. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Timers created so far, to show the clock was used at all. */
  get created(): number {
    return this.#created;
  }
}

/** Sockets (plain and TLS) that keep the process alive right now. */
export function openSocketCount(): number {
  return process
    .getActiveResourcesInfo()
    .filter(resource => resource === 'TCPSocketWrap' || resource === 'TLSWrap').length;
}
