import { Socket } from 'node:net';
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

/**
 * Client sockets still open towards a server port. Node lists its live handles only through the
 * undocumented `process._getActiveHandles()`, which has been stable for years; counting handles
 * by their remote port leaves out the server's own end of each connection.
 */
export function openClientSockets(serverPort: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    handle => handle instanceof Socket && !handle.destroyed && handle.remotePort === serverPort,
  ).length;
}
