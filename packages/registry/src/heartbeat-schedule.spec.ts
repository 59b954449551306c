import { ManualClock } from '@artemis/testing';

import { HeartbeatSchedule } from './heartbeat-schedule';
import { LeaseWatchdog } from './lease-watchdog';

function scheduleWith(intervalMs: { value: number }, beat?: () => Promise<void>) {
  const clock = new ManualClock();
  const beats: Array<{ at: number; drift: number }> = [];
  const schedule = new HeartbeatSchedule(
    clock,
    () => 0.5,
    () => intervalMs.value,
    async drift => {
      beats.push({ at: clock.now(), drift });
      await beat?.();
    },
  );
  return { clock, beats, schedule };
}

describe('HeartbeatSchedule', () => {
  it('beats first after the interval less the jitter, then once per interval', async () => {
    const { clock, beats, schedule } = scheduleWith({ value: 1_000 });
    const start = clock.now();

    schedule.start();
    schedule.start();
    await clock.advance(3_000);

    // random() = 0.5 takes 10 % off the first interval.
    expect(beats.map(beat => beat.at - start)).toEqual([900, 1_900, 2_900]);
  });

  it('moves a pending beat when the interval changes', async () => {
    const interval = { value: 60_000 };
    const { clock, beats, schedule } = scheduleWith(interval);
    const start = clock.now();
    schedule.start();
    await clock.advance(1_000);

    interval.value = 2_000;
    schedule.intervalChanged();
    await clock.advance(4_000);

    expect(beats.map(beat => beat.at - start)).toEqual([1_800, 3_800]);
  });

  it('never starts a beat while the previous one runs, and stops cleanly', async () => {
    let release: () => void = () => undefined;
    const { clock, beats, schedule } = scheduleWith(
      { value: 100 },
      () => new Promise<void>(resolve => (release = resolve)),
    );
    schedule.start();

    await clock.advance(1_000);
    expect(beats).toHaveLength(1);

    schedule.stop();
    release();
    await schedule.settled();
    await clock.advance(1_000);
    expect(beats).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('LeaseWatchdog', () => {
  it('is due to mark the node down one interval before the TTL, once per silence window', async () => {
    const clock = new ManualClock();
    const watchdog = new LeaseWatchdog(clock);

    await clock.advance(1_499);
    expect(watchdog.shouldMarkDown(2_000, 500)).toBe(false);
    await clock.advance(1);
    expect(watchdog.shouldMarkDown(2_000, 500)).toBe(true);

    watchdog.markedDown();
    expect(watchdog.shouldMarkDown(2_000, 500)).toBe(false);
    await clock.advance(1_500);
    expect(watchdog.shouldMarkDown(2_000, 500)).toBe(true);
  });

  it('counts from the last acknowledged send, and sees the lease surely lost after a whole TTL', async () => {
    const clock = new ManualClock();
    const watchdog = new LeaseWatchdog(clock);
    await clock.advance(1_000);

    watchdog.acknowledged(clock.now() - 200);
    expect(watchdog.sinceAckMs()).toBe(200);
    await clock.advance(1_799);
    expect(watchdog.leaseSurelyLost(2_000)).toBe(false);
    await clock.advance(1);
    expect(watchdog.leaseSurelyLost(2_000)).toBe(true);

    watchdog.reset();
    expect(watchdog.sinceAckMs()).toBe(0);
  });
});
