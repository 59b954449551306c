import { ManualClock } from '@artemis/testing';

import { Liveness } from './liveness';

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
  it('pings every interval while pongs come back', async () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();

    for (let i = 0; i < 3; i += 1) {
      await clock.advance(1_000);
      liveness.pong();
    }

    expect(calls).toEqual({ pings: 3, dead: 0 });
  });

  it('reports a socket dead once when a pong misses its deadline', async () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();

    await clock.advance(1_000);
    await clock.advance(199);
    expect(calls.dead).toBe(0);
    await clock.advance(1);
    await clock.advance(10_000);

    expect(calls).toEqual({ pings: 1, dead: 1 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('leaves no timer behind when stopped', async () => {
    const { clock, calls, liveness } = setUp();
    liveness.start();
    await clock.advance(1_000);
    liveness.stop();
    await clock.advance(5_000);

    expect(calls).toEqual({ pings: 1, dead: 0 });
    expect(clock.pendingTimers).toBe(0);
  });
});
