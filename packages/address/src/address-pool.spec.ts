import { AddressPool } from './address-pool';

const A = 'http://a:1/artemis';
const B = 'http://b:1/artemis';
const C = 'http://c:1/artemis';

function poolOf(...urls: string[]): AddressPool {
  const pool = new AddressPool();
  pool.replace(urls, 'seed');
  return pool;
}

const ordered = { deterministic: true, random: () => 0 };

describe('AddressPool', () => {
  it('draws in list order after the address being left', () => {
    const pool = poolOf(A, B, C);
    expect(pool.draw({ now: 0, ...ordered })).toBe(A);
    expect(pool.draw({ now: 0, avoid: A, ...ordered })).toBe(B);
    expect(pool.draw({ now: 0, avoid: C, ...ordered })).toBe(A);
  });

  it('skips quarantined and excluded addresses', () => {
    const pool = poolOf(A, B, C);
    pool.quarantine(B, 100, 0);
    expect(pool.draw({ now: 50, avoid: A, ...ordered })).toBe(C);
    expect(pool.draw({ now: 50, avoid: A, exclude: new Set([C]), ...ordered })).toBe(A);
  });

  it('returns the address whose quarantine ends first when all are quarantined', () => {
    const pool = poolOf(A, B, C);
    pool.quarantine(A, 300, 0);
    pool.quarantine(B, 100, 0);
    pool.quarantine(C, 200, 0);
    expect(pool.draw({ now: 10, ...ordered })).toBe(B);
    expect(pool.nextExpiry).toBe(100);
  });

  it('releases expired quarantines and keeps health across a list replacement', () => {
    const pool = poolOf(A, B);
    expect(pool.quarantine(A, 100, 0)).toBe(true);
    expect(pool.quarantine(A, 150, 0)).toBe(false);
    pool.replace([A, C], 'cluster');
    expect(pool.isHealthy(A, 120)).toBe(false);
    expect(pool.releaseExpired(200)).toEqual([A]);
    expect(pool.snapshot(200)).toEqual([
      { url: A, healthy: true, source: 'cluster' },
      { url: C, healthy: true, source: 'cluster' },
    ]);
  });

  it('chooses uniformly with the random source when not deterministic', () => {
    const pool = poolOf(A, B, C);
    expect(pool.draw({ now: 0, deterministic: false, random: () => 0.5 })).toBe(B);
    expect(pool.draw({ now: 0, deterministic: false, random: () => 0.99 })).toBe(C);
  });
});
