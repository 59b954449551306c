import { ManualClock } from '@artemis/testing';

import { FakeTransport, instance, timings } from '../../test/fakes';
import { DiscoveryClient } from '../discovery-client';
import type { DiscoveryEvents } from '../types';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format';
import type { SnapshotStore } from './snapshot-store';

/** A store in memory that records its saves and can be made to fail. */
class MemoryStore implements SnapshotStore {
  text: string | undefined;
  saves: string[] = [];
  loads = 0;
  failSaves = false;
  failLoads = false;

  async load(): Promise<string | undefined> {
    this.loads++;
    if (this.failLoads) throw new Error('disk on fire');
    return this.text;
  }

  async save(text: string): Promise<void> {
    if (this.failSaves) throw new Error('disk full');
    this.saves.push(text);
    this.text = text;
  }
}

const SAVE_DELAY_MS = 1_000;

function setup(store: MemoryStore) {
  const transport = new FakeTransport();
  const clock = new ManualClock(10_000_000);
  const client = new DiscoveryClient({
    transport,
    clock,
    config: { current: timings },
    snapshot: { store, saveDelayMs: SAVE_DELAY_MS },
  });
  const seen: { [K in keyof DiscoveryEvents]?: DiscoveryEvents[K][] } = {};
  for (const name of ['restored', 'snapshot-failed'] as const) {
    client.events.on(name, event => (seen[name] ??= [] as never[]).push(event as never));
  }
  return { transport, clock, client, seen };
}

const idsOf = (service: { instances: readonly { instanceId: string }[] }) =>
  service.instances.map(i => i.instanceId);

const savedServices = (store: MemoryStore) =>
  decodeSnapshot(store.text ?? '').map(saved => ({
    serviceId: saved.service.serviceId,
    ids: idsOf(saved.service),
    savedAt: saved.savedAt,
  }));

describe('the discovery snapshot', () => {
  it('answers a service that cannot be fetched with its saved copy, stale, until a fetch succeeds', async () => {
    const store = new MemoryStore();
    store.text = encodeSnapshot([
      {
        service: {
          serviceId: 'Orders',
          instances: [instance('Orders', 'a'), instance('Orders', 'b', { status: 'down' })],
        },
        savedAt: 9_000_000,
      },
    ]);
    const { client, transport, clock, seen } = setup(store);
    transport.failWith = new Error('connection refused');

    const restored = await client.getService('orders');

    expect(idsOf(restored)).toEqual(['a']); // the client's filters still apply
    expect(client.cacheInfo('orders')).toMatchObject({
      ready: true,
      restored: true,
      stale: true,
      ageMs: 1_000_000,
    });
    expect(seen.restored).toEqual([{ serviceId: 'orders', savedAt: 9_000_000, instanceCount: 1 }]);
    await expect(client.waitForService('orders')).resolves.toBe(restored);

    transport.failWith = undefined;
    transport.set('orders', [instance('orders', 'c')]);
    await clock.advance(timings.discoveryReloadIntervalMs);

    expect(idsOf(await client.getService('orders'))).toEqual(['c']);
    expect(client.cacheInfo('orders')).toMatchObject({ restored: false, stale: false });
    await client.close();
  });

  it('still rejects a service the snapshot does not have, and reads the snapshot only once', async () => {
    const store = new MemoryStore();
    const { client, transport } = setup(store);
    transport.failWith = new Error('connection refused');

    await expect(client.getService('orders')).rejects.toThrow('connection refused');
    await expect(client.getService('payments')).rejects.toThrow('connection refused');

    expect(store.loads).toBe(1);
    await client.close();
  });

  it('saves a while after the cache changed, once for a burst, and on close', async () => {
    const store = new MemoryStore();
    const { client, transport, clock } = setup(store);
    transport.set('orders', [instance('orders', 'a')]);
    transport.set('payments', [instance('payments', 'p')]);

    await client.getService('orders');
    await client.getService('payments');
    await clock.advance(SAVE_DELAY_MS - 1);
    expect(store.saves).toEqual([]);

    await clock.advance(1);
    expect(store.saves).toHaveLength(1);
    expect(savedServices(store)).toEqual([
      { serviceId: 'orders', ids: ['a'], savedAt: 10_000_000 },
      { serviceId: 'payments', ids: ['p'], savedAt: 10_000_000 },
    ]);

    transport.set('orders', [instance('orders', 'a'), instance('orders', 'b')]);
    await client.refresh('orders');
    await client.close();

    expect(store.saves).toHaveLength(2);
    expect(savedServices(store)[0]).toMatchObject({ ids: ['a', 'b'] });
  });

  it('keeps the services of the old snapshot this run does not track', async () => {
    const store = new MemoryStore();
    store.text = encodeSnapshot([
      { service: { serviceId: 'legacy', instances: [instance('legacy', 'l')] }, savedAt: 1 },
    ]);
    const { client, transport } = setup(store);
    transport.set('orders', [instance('orders', 'a')]);
    await client.getService('orders');

    await client.close();

    expect(savedServices(store).map(saved => saved.serviceId)).toEqual(['legacy', 'orders']);
  });

  it('never saves a restored copy as if it had been fetched', async () => {
    const store = new MemoryStore();
    store.text = encodeSnapshot([
      { service: { serviceId: 'orders', instances: [instance('orders', 'a')] }, savedAt: 7 },
    ]);
    const { client, transport, clock } = setup(store);
    transport.failWith = new Error('connection refused');
    await client.getService('orders');
    await clock.advance(SAVE_DELAY_MS);

    await client.close();

    expect(savedServices(store)).toEqual([{ serviceId: 'orders', ids: ['a'], savedAt: 7 }]);
  });

  it('reports an unreadable snapshot or a failed save, and goes on without it', async () => {
    const store = new MemoryStore();
    store.text = '{"format": "something else"}';
    const { client, transport, clock, seen } = setup(store);
    transport.failWith = new Error('connection refused');

    await expect(client.getService('orders')).rejects.toThrow('connection refused');
    expect(seen['snapshot-failed']?.[0]).toMatchObject({ operation: 'load' });
    expect(seen['snapshot-failed']?.[0]?.error).toMatchObject({ code: 'ARTEMIS_SNAPSHOT_FAILED' });

    transport.failWith = undefined;
    transport.set('orders', [instance('orders', 'a')]);
    store.failSaves = true;
    await client.getService('orders');
    await clock.advance(SAVE_DELAY_MS);

    expect(seen['snapshot-failed']?.[1]).toMatchObject({ operation: 'save' });
    expect(idsOf(await client.getService('orders'))).toEqual(['a']);
    await expect(client.close()).resolves.toBeUndefined();
  });

  it('goes on without a snapshot when the store cannot load', async () => {
    const store = new MemoryStore();
    store.failLoads = true;
    const { client, transport, seen } = setup(store);
    transport.failWith = new Error('connection refused');

    await expect(client.getService('orders')).rejects.toThrow('connection refused');

    expect(seen['snapshot-failed']?.[0]?.error.message).toContain('disk on fire');
    await client.close();
  });
});
