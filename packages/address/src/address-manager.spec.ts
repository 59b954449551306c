import { ConfigStore } from '@artemis/config';
import { hasErrorCode } from '@artemis/protocol';
import { ManualClock } from '@artemis/testing';

import { sequence } from '../test/sequence';
import { AddressManager } from './address-manager';
import type { AddressEvents } from './address-types';

const A = 'http://10.0.0.1:8080/artemis';
const B = 'http://10.0.0.2:8080/artemis';
const C = 'http://10.0.0.3:8080/artemis';

function setUp(options: { deterministic?: boolean; random?: () => number } = {}) {
  const config = new ConfigStore(
    { serverUrls: [`${A}/`, B, C], addressQuarantineMs: 30_000, addressTtlMs: 3_600_000 },
    {},
  );
  const clock = new ManualClock();
  const manager = new AddressManager({
    side: 'registry',
    config,
    clock,
    random: options.random,
    deterministicOrder: options.deterministic ?? true,
  });
  const seen: Array<[keyof AddressEvents, unknown]> = [];
  for (const name of ['address-down', 'address-up', 'current-changed', 'list-changed'] as const) {
    manager.events.on(name, payload => seen.push([name, payload]));
  }
  return { config, clock, manager, seen };
}

describe('AddressManager', () => {
  it('starts at the first seed in deterministic order, with the trailing slash removed', () => {
    const { manager } = setUp();
    expect(manager.current()).toBe(A);
    expect(manager.current()).toBe(A);
    expect(manager.snapshot().map(state => state.url)).toEqual([A, B, C]);
  });

  it('starts at a random address per client otherwise', () => {
    expect(setUp({ deterministic: false, random: () => 0.5 }).manager.current()).toBe(B);
    expect(setUp({ deterministic: false, random: () => 0.9 }).manager.current()).toBe(C);
  });

  it('quarantines a failed address, moves on, and brings it back when the quarantine ends', async () => {
    const { manager, clock, seen } = setUp();
    manager.current();
    manager.markDown(A, 'connect refused');

    expect(manager.current()).toBe(B);
    expect(manager.snapshot()[0]).toMatchObject({ url: A, healthy: false });
    expect(seen).toContainEqual([
      'address-down',
      { side: 'registry', url: A, reason: 'connect refused' },
    ]);

    await clock.advance(30_000);
    expect(seen).toContainEqual(['address-up', { side: 'registry', url: A }]);
    expect(manager.snapshot()[0]).toEqual({ url: A, healthy: true, source: 'seed' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('lifts a quarantine at once on markUp', () => {
    const { manager, seen } = setUp();
    manager.markDown(B);
    manager.markUp(B);
    manager.markUp(B);
    expect(seen.filter(([name]) => name === 'address-up')).toHaveLength(1);
    expect(manager.snapshot()[1]?.healthy).toBe(true);
  });

  it('draws the next address avoiding excluded ones, and the earliest-ending quarantine when none is left', async () => {
    const { manager, clock } = setUp();
    expect(manager.current()).toBe(A);
    expect(manager.next(new Set([B]))).toBe(C);
    expect(manager.current()).toBe(C);

    manager.markDown(A);
    await clock.advance(10);
    manager.markDown(B);
    await clock.advance(10);
    manager.markDown(C);
    expect(manager.current()).toBe(A);
  });

  it('reads the quarantine length from the config store at use time', async () => {
    const { manager, config, clock } = setUp();
    config.update({ addressQuarantineMs: 1_000 });
    manager.markDown(A);
    await clock.advance(1_000);
    expect(manager.snapshot()[0]?.healthy).toBe(true);
  });

  it('re-balances with a fresh draw once the address TTL has passed', async () => {
    const { manager, clock, config, seen } = setUp({
      deterministic: false,
      random: sequence(0, 0.9),
    });
    expect(manager.current()).toBe(A);
    config.update({ addressTtlMs: 60_000 });
    await clock.advance(60_000);
    expect(manager.current()).toBe(C);
    expect(seen).toContainEqual([
      'current-changed',
      { side: 'registry', url: C, previous: A, reason: 'rebalance' },
    ]);
  });

  it('follows a changed serverUrls and redacts credentials in events', () => {
    const { manager, config, seen } = setUp();
    manager.current();
    config.update({ serverUrls: ['https://user:secret@10.0.0.9/artemis'] });

    expect(manager.current()).toBe('https://user:secret@10.0.0.9/artemis');
    const payloads = JSON.stringify(seen);
    expect(payloads).not.toContain('secret');
    expect(seen.some(([name]) => name === 'list-changed')).toBe(true);
  });

  it('rejects calls after close and leaves no timer behind', async () => {
    const { manager, clock } = setUp();
    manager.start();
    manager.markDown(A);
    expect(clock.pendingTimers).toBe(2);

    await manager.close();
    await manager.close();
    expect(clock.pendingTimers).toBe(0);
    let thrown: unknown;
    try {
      manager.current();
    } catch (error) {
      thrown = error;
    }
    expect(hasErrorCode(thrown, 'ARTEMIS_CLIENT_CLOSED')).toBe(true);
  });
});
