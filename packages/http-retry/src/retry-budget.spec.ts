import type { Clock } from '@artemis/protocol';

import { RetryBudget } from './retry-budget';

function manualClock() {
  let now = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: () => ({ cancel: () => undefined }),
  };
  return { clock, advance: (ms: number) => void (now += ms) };
}

function withdrawals(budget: RetryBudget, tries: number): number {
  let granted = 0;
  for (let i = 0; i < tries; i++) if (budget.tryWithdraw()) granted += 1;
  return granted;
}

describe('RetryBudget', () => {
  it('starts full and then refuses retries once the saved tokens are spent', () => {
    const { clock } = manualClock();
    const budget = new RetryBudget({ maxTokens: 3, minRetriesPerSecond: 0 }, clock);
    expect(withdrawals(budget, 10)).toBe(3);
    expect(budget.tryWithdraw()).toBe(false);
  });

  it('earns one retry per ten calls at the default ratio', () => {
    const { clock } = manualClock();
    const budget = new RetryBudget({ maxTokens: 1, minRetriesPerSecond: 0 }, clock);
    expect(withdrawals(budget, 1)).toBe(1);

    for (let call = 0; call < 9; call++) budget.deposit();
    expect(budget.tryWithdraw()).toBe(false);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
  });

  it('refills with time at the floor rate, up to the maximum', () => {
    const { clock, advance } = manualClock();
    const budget = new RetryBudget({ maxTokens: 5, minRetriesPerSecond: 2, ratio: 0 }, clock);
    withdrawals(budget, 5);
    expect(budget.tryWithdraw()).toBe(false);

    advance(1_000);
    expect(withdrawals(budget, 10)).toBe(2);
    advance(60_000);
    expect(budget.available).toBe(5);
  });

  it('bounds retries in an outage to a fraction of the calls', () => {
    const { clock, advance } = manualClock();
    const budget = new RetryBudget({}, clock);
    let retries = 0;
    // 1,000 calls in 10 s, each wanting 4 retries: without a budget that is 4,000 retries.
    for (let call = 0; call < 1_000; call++) {
      budget.deposit();
      retries += withdrawals(budget, 4);
      advance(10);
    }
    // 20 saved + 10% of 1,000 calls + 1 per second for 10 s.
    expect(retries).toBeLessThanOrEqual(20 + 100 + 10 + 1);
    expect(retries).toBeGreaterThanOrEqual(100);
  });
});
