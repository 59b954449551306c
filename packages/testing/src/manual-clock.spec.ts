import { ManualClock } from './manual-clock';

describe('ManualClock', () => {
  it('stands still until advanced', async () => {
    const clock = new ManualClock(5_000);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 100);

    expect(clock.now()).toBe(5_000);
    expect(fired).toEqual([]);

    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([5_100]);
    expect(clock.now()).toBe(5_100);
  });

  it('runs due timers in due order, ties in the order they were set', async () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('late'), 30);
    clock.setTimeout(() => fired.push('first of two'), 10);
    clock.setTimeout(() => fired.push('second of two'), 10);

    await clock.advance(50);

    expect(fired).toEqual(['first of two', 'second of two', 'late']);
  });

  it('runs timers that running timers set, when they fall due within the advance', async () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const tick = (): void => {
      ticks.push(clock.now());
      clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);

    await clock.advance(350);

    expect(ticks).toEqual([100, 200, 300]);
    expect(clock.now()).toBe(350);
    expect(clock.pendingTimers).toBe(1);
  });

  it('lets the promises a timer starts settle before the next timer runs', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => {
      void (async () => {
        await Promise.resolve();
        await new Promise<void>(resolve => setImmediate(resolve));
        seen.push('first settled');
      })();
    }, 10);
    clock.setTimeout(() => seen.push('second ran'), 20);

    await clock.advance(20);

    expect(seen).toEqual(['first settled', 'second ran']);
  });

  it('never runs a cancelled timer and stops counting it', async () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const handle = clock.setTimeout(() => fired.push('cancelled'), 10);
    clock.setTimeout(() => fired.push('kept'), 10);
    expect(clock.pendingTimers).toBe(2);

    handle.cancel();
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(10);

    expect(fired).toEqual(['kept']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('treats a negative delay as due now', async () => {
    const clock = new ManualClock(1_000);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), -50);

    await clock.advance(0);

    expect(fired).toEqual([1_000]);
  });

  it('refuses to go back in time', async () => {
    const clock = new ManualClock();

    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
    await expect(clock.advance(Number.NaN)).rejects.toThrow(RangeError);
    expect(clock.now()).toBe(1_000_000);
  });
});
