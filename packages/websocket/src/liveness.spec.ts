import type { Clock, TimerHandle } from '@artemis/protocol';
import { Liveness } from './liveness';

/** A clock whose timers run only when the test advances time. */
class ManualClock implements Clock {
  #now = 0;
  #timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.#now + ms, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter(t => !t.cancelled && t.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.#now = due.at;
      due.callback();
    }
    this.#now = until;
  }

  pending(): number {
    return this.#timers.filter(t => !t.cancelled).length;
  }
}

function setUp(intervalMs = 1_000, timeoutMs = 200) {
  const clock = new ManualClock();
  const calls = { pings: 0, dead: 0 };
  const liveness = new Liveness({
    clock,
    intervalMs: () => intervalMs,
    timeoutMs: () => timeoutMs,
    ping: () => (calls.pings += 1),
    onDead: () => (calls.dead += 1),
  });
  return { clock, calls, liveness };
}

describe('Liveness', () => {
  it('pings every interval while pongs come back', () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();

    for (let i = 0; i < 3; i += 1) {
      clock.advance(1_000);
      liveness.pong();
    }

    expect(calls).toEqual({ pings: 3, dead: 0 });
  });

  it('reports a socket dead once when a pong misses its deadline', () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();

    clock.advance(1_000);
    clock.advance(199);
    expect(calls.dead).toBe(0);
    clock.advance(1);
    clock.advance(10_000);

    expect(calls).toEqual({ pings: 1, dead: 1 });
    expect(clock.pending()).toBe(0);
  });

  it('leaves no timer behind when stopped', () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();
    clock.advance(1_000);
    liveness.stop();
    clock.advance(5_000);

    expect(calls).toEqual({ pings: 1, dead: 0 });
    expect(clock.pending()).toBe(0);
  });
});
