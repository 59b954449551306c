import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import { hasErrorCode } from '@artemis/protocol';
import type { Flavor } from '@artemis/protocol';
import { startArtemisCluster, startArtemisEmulator, waitFor } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';

import { createDiscoveryClient } from '../src/index';
import { discoveryRequests, FAST, instanceOf, startRig, subscriptionFrames } from './emulator-rig';

const LONG = 15_000;
const CYCLES = 1_000;

/** Open sockets and timers of this process, by kind. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** True when no kind of resource is more numerous than in `baseline`. */
function noMoreThan(baseline: Record<string, number>): boolean {
  const now = activeResources();
  return Object.entries(now).every(([kind, count]) => count <= (baseline[kind] ?? 0));
}

describe.each(['java', 'rust'] as const)('discovery lifecycle on %s', (flavor: Flavor) => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor, leaseTtlMs: 600_000 });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it(`leaves nothing behind after ${CYCLES} subscribe and unsubscribe cycles`, async () => {
    emulator.registerInstance(instanceOf('cycle'));
    const baseline = activeResources();
    const rig = await startRig(flavor, { emulator, idleCloseMs: 100 });
    const { client, changeSource } = rig;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const received: unknown[] = [];
      const subscription =
        cycle % 2 === 0
          ? client.watch('cycle').subscribe(event => received.push(event))
          : { unsubscribe: client.subscribe('cycle', event => received.push(event)) };
      // Let the socket and the fetch make progress, so frames really go out mid-loop.
      await new Promise(resolve => setImmediate(resolve));
      if (cycle === 10) await waitFor(() => changeSource.canPush || flavor === 'rust', LONG);
      subscription.unsubscribe();
    }

    expect(client.watcherCount()).toBe(0);
    expect(client.trackedServices()).toEqual([]);
    expect(changeSource.subscribedServices()).toEqual([]);
    await waitFor(() => !changeSource.hasSocket, LONG);

    const frames = subscriptionFrames(emulator, 'cycle');
    expect(frames.subscribe).toBeGreaterThan(0);
    if (flavor === 'rust') {
      // Every subscribe the server saw was taken back: no subscription is left on the server.
      expect(frames.unsubscribe).toBe(frames.subscribe);
    }

    await rig.close();
    await waitFor(() => noMoreThan(baseline), 3000).catch(() => {
      throw new Error(`${JSON.stringify(baseline)} -> ${JSON.stringify(activeResources())}`);
    });
  }, 60_000);

  it('tells the server when the last watcher leaves, and keeps what getService asked for', async () => {
    const rig = await startRig(flavor, { emulator });
    try {
      emulator.registerInstance(instanceOf('kept'));
      const subscription = rig.client.watch('watched').subscribe();
      await rig.client.getService('kept');
      const kept = rig.client.watch('kept').subscribe();
      await emulator.waitForFrame(frame => frame.data.includes('"kept"'), LONG);
      await emulator.waitForFrame(frame => frame.data.includes('"watched"'), LONG);

      subscription.unsubscribe();
      kept.unsubscribe();

      expect(rig.client.trackedServices()).toEqual(['kept']);
      expect(rig.changeSource.subscribedServices()).toEqual(['kept']);
      if (flavor === 'rust') {
        await emulator.waitForFrame(frame => frame.data.includes('"type":"unsubscribe"'), LONG);
        expect(subscriptionFrames(emulator, 'watched').unsubscribe).toBe(1);
        expect(subscriptionFrames(emulator, 'kept').unsubscribe).toBe(0);
      } else {
        // The Java server has no unsubscribe frame; its subscription ends with the session.
        expect(emulator.frames.every(frame => !frame.data.includes('unsubscribe'))).toBe(true);
      }
    } finally {
      await rig.close();
    }
  });

  it('works through the factory with a flavour found out lazily, and with pushes off', async () => {
    const config = new ConfigStore({ ...FAST, serverUrls: [emulator.url] }, {});
    const addresses = new AddressManager({ side: 'discovery', config });
    const http = new ArtemisHttpClient({ side: 'discovery', addresses, config });
    let probes = 0;
    const clients = [
      createDiscoveryClient({
        config,
        addresses,
        http,
        flavor: async () => {
          probes += 1;
          return flavor;
        },
      }),
      createDiscoveryClient({ config, addresses, http, flavor, push: false }),
    ];
    try {
      const instance = instanceOf('lazy.a');
      emulator.registerInstance(instance);
      for (const client of clients) {
        const services = await client.getServices(['lazy.a', 'lazy.b']);
        expect(services.map(service => service.instances.length)).toEqual([1, 0]);
      }
      expect(probes).toBe(1);

      const events: string[] = [];
      const subscriptions = clients.map(client =>
        client.watch('lazy.a').subscribe(event => events.push(event.changeType)),
      );
      emulator.removeInstance(instance);
      await waitFor(() => events.length === 2, LONG);
      expect(events).toEqual(['delete', 'delete']);
      subscriptions.forEach(subscription => subscription.unsubscribe());
    } finally {
      await Promise.all(clients.map(client => client.close()));
      await http.close();
      await addresses.close();
      config.close();
    }
  });
});

describe('discovery against a Java cluster', () => {
  it('fails over when a node quietly drops the lookups it cannot serve', async () => {
    const cluster = await startArtemisCluster({ flavor: 'java', size: 2, leaseTtlMs: 600_000 });
    const [down, up] = cluster.nodes as [ArtemisEmulator, ArtemisEmulator];
    const rig = await startRig('java', { emulator: down, urls: [up.url] });
    try {
      const instance = instanceOf('failover.a');
      down.registerInstance(instance);
      down.faults.serviceUnavailable(true);

      const services = await rig.client.getServices(['failover.a', 'failover.b']);

      expect(services.map(service => service.instances.map(i => i.instanceId))).toEqual([
        [instance.instanceId],
        [],
      ]);
      // The lookup on the sick node said success with nothing in it; service.json found out why.
      expect(discoveryRequests(down, 'lookup')).toHaveLength(1);
      expect(discoveryRequests(down, 'service').length).toBeGreaterThan(0);
      expect(discoveryRequests(up, 'service').length).toBeGreaterThan(0);
    } finally {
      await rig.close();
      await cluster.close();
    }
  });

  it('rejects with a typed error when the server refuses the region', async () => {
    const rig = await startRig('java', { options: { regionId: 'elsewhere' } });
    try {
      rig.emulator.registerInstance(instanceOf('region.a', { regionId: 'test' }));

      const single = await rig.client.getService('region.a').catch((error: unknown) => error);
      const batch = await rig.client
        .getServices(['region.b', 'region.c'])
        .catch((error: unknown) => error);

      expect(hasErrorCode(single, 'ARTEMIS_DISCOVERY_REJECTED')).toBe(true);
      expect(single).toMatchObject({ errorCode: 'no-permission' });
      expect(hasErrorCode(batch, 'ARTEMIS_DISCOVERY_REJECTED')).toBe(true);
    } finally {
      await rig.close();
    }
  });
});
