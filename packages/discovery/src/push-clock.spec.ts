import { PushClock } from './push-clock';

describe('PushClock', () => {
  it('places the first push at its arrival, whatever the server clock says', () => {
    const clock = new PushClock();

    expect(clock.localTimeOf(5_000, 1_000_000)).toBe(1_000_000);
  });

  it('places a delayed push before its arrival, using the fastest push seen', () => {
    const clock = new PushClock();
    const hourBehind = -3_600_000;
    clock.localTimeOf(1_000_000 + hourBehind, 1_000_004); // took 4 ms
    clock.localTimeOf(1_000_010 + hourBehind, 1_000_011); // took 1 ms: the best estimate

    // Sent 10 ms after the first, but delivered 500 ms late.
    expect(clock.localTimeOf(1_000_020 + hourBehind, 1_000_520)).toBe(1_000_021);
  });

  it('follows a server clock that moves ahead, and starts over after reset', () => {
    const clock = new PushClock();
    clock.localTimeOf(1_000, 2_000);

    expect(clock.localTimeOf(5_000, 3_000)).toBe(3_000);
    expect(clock.localTimeOf(4_000, 3_500)).toBe(2_000);

    clock.reset();
    expect(clock.localTimeOf(4_000, 3_500)).toBe(3_500);
  });
});
