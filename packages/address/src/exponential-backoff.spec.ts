import { ExponentialBackoff } from './exponential-backoff';

describe('ExponentialBackoff', () => {
  it('doubles from the initial delay and stops at the cap without jitter', () => {
    const backoff = new ExponentialBackoff({ initialMs: 100, maxMs: 1_000, jitter: 'none' });
    expect([0, 1, 2, 3, 4, 5].map(attempt => backoff.delayFor(attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads full jitter over [0, delay] and equal jitter over [delay/2, delay]', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    const full = (random: () => number) =>
      new ExponentialBackoff({ initialMs: 100, maxMs: 10_000, random }).delayFor(2);
    const equal = (random: () => number) =>
      new ExponentialBackoff({ initialMs: 100, maxMs: 10_000, jitter: 'equal', random }).delayFor(
        2,
      );

    expect(full(low)).toBe(0);
    expect(full(high)).toBe(400);
    expect(equal(low)).toBe(200);
    expect(equal(high)).toBe(400);
  });

  it('stays finite and capped after very many attempts', () => {
    const backoff = new ExponentialBackoff({
      initialMs: 50,
      maxMs: 30_000,
      multiplier: 3,
      jitter: 'none',
    });
    expect(backoff.delayFor(10_000)).toBe(30_000);
    expect(backoff.delayFor(-3)).toBe(50);
  });
});
