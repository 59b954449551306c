import { ReconnectBudget } from './reconnect-budget';

describe('ReconnectBudget', () => {
  it('allows attempts up to the limit inside one window', () => {
    const budget = new ReconnectBudget();
    for (let i = 0; i < 3; i += 1) {
      expect(budget.waitMs(1_000 + i, 3, 10_000)).toBe(0);
      budget.record(1_000 + i);
    }

    expect(budget.used(1_010, 10_000)).toBe(3);
    expect(budget.waitMs(1_010, 3, 10_000)).toBe(1_000 + 10_000 - 1_010);
  });

  it('frees a slot once the oldest attempt leaves the window', () => {
    const budget = new ReconnectBudget();
    budget.record(0);
    budget.record(5_000);

    expect(budget.waitMs(9_000, 2, 10_000)).toBe(1_000);
    expect(budget.waitMs(10_000, 2, 10_000)).toBe(0);
    expect(budget.used(10_000, 10_000)).toBe(1);
  });

  it('follows a lower limit passed later', () => {
    const budget = new ReconnectBudget();
    [0, 1, 2, 3].forEach(t => budget.record(t));

    expect(budget.waitMs(4, 5, 100)).toBe(0);
    expect(budget.waitMs(4, 2, 100)).toBe(2 + 100 - 4);
  });
});
