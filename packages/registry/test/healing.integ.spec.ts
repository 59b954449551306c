import type { ArtemisCluster, ArtemisEmulator, EmulatorChange } from '@artemis/testing';
import { startArtemisCluster, startArtemisEmulator, waitFor } from '@artemis/testing';

import {
  FAST_LEASES,
  idsIn,
  idsOf,
  idsSent,
  instances,
  requestsOf,
  startRegistry,
  storedIds,
} from './fixtures';

describe.each(['java', 'rust'] as const)('registry self-healing (%s)', flavor => {
  describe('on one node', () => {
    let emulator: ArtemisEmulator;

    beforeEach(async () => {
      emulator = await startArtemisEmulator({ flavor, ...FAST_LEASES });
    });
    afterEach(async () => {
      await emulator.close();
    });

    it('registers every instance again at the first heartbeat after a restart that lost all state', async () => {
      const registry = startRegistry([emulator.url], flavor, {
        config: { heartbeatIntervalMs: 150, heartbeatTtlMs: 3_000 },
      });
      try {
        const mine = instances(4);
        await registry.client.register(mine);
        expect(storedIds(emulator)).toEqual(idsOf(mine));

        await emulator.stop();
        emulator.faults.clearState();
        emulator.clearLog();
        await emulator.start();
        expect(storedIds(emulator)).toEqual([]);

        await waitFor(() => storedIds(emulator).length === mine.length, 10_000);
        expect(storedIds(emulator)).toEqual(idsOf(mine));
        // The server stores the instances before the client has read its reply.
        await waitFor(() => registry.eventsOf('re-registered').length > 0);

        // Healing came from the first heartbeat the restarted node answered, not from the TTL.
        const log = emulator.requests.filter(request => request.path.includes('/registry/'));
        const firstRegister = log.findIndex(request => request.path.endsWith('register.json'));
        const beatsBefore = log
          .slice(0, firstRegister)
          .filter(request => request.path.endsWith('heartbeat.json'));
        expect(beatsBefore).toHaveLength(1);
        expect(registry.eventsOf('lease-lost').flatMap(e => idsOf(e.instances))).toEqual(
          idsOf(mine),
        );
        expect(registry.eventsOf('re-registered')[0]).toMatchObject({ reason: 'lease-lost' });
      } finally {
        await registry.close();
      }
    });

    it('registers again only the one instance a heartbeat names as unknown', async () => {
      const registry = startRegistry([emulator.url], flavor);
      try {
        const mine = instances(5);
        const [, , victim] = mine;
        await registry.client.register(mine);
        await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 1);

        emulator.clearLog();
        expect(emulator.removeInstance(victim!)).toBe(true);
        await waitFor(() => requestsOf(emulator, 'register').length >= 1);
        // A few more beats: nothing else gets registered again.
        const beats = requestsOf(emulator, 'heartbeat').length;
        await waitFor(() => requestsOf(emulator, 'heartbeat').length >= beats + 3);

        expect(idsSent(emulator, 'register')).toEqual([victim!.instanceId]);
        expect(storedIds(emulator)).toEqual(idsOf(mine));
        expect(registry.eventsOf('lease-lost').map(e => idsOf(e.instances))).toEqual([
          [victim!.instanceId],
        ]);
      } finally {
        await registry.close();
      }
    });

    it('lets the server evict an instance a filter removes, and brings it back once the filter lets it through', async () => {
      let pulledOut: string | undefined;
      const registry = startRegistry([emulator.url], flavor, {
        filters: [
          {
            name: 'pull-out',
            filter: list => list.filter(entry => entry.instanceId !== pulledOut),
          },
        ],
      });
      try {
        const mine = instances(3);
        const [kept, pulled] = mine;
        await registry.client.register(mine);

        pulledOut = pulled!.instanceId;
        await waitFor(() => !storedIds(emulator).includes(pulled!.instanceId), 10_000);
        expect(storedIds(emulator)).toContain(kept!.instanceId);
        expect(registry.client.registered().map(entry => entry.instanceId)).toContain(
          pulled!.instanceId,
        );
        const lastBeat = requestsOf(emulator, 'heartbeat').at(-1);
        expect(idsIn(lastBeat?.body)).not.toContain(pulled!.instanceId);

        pulledOut = undefined;
        await waitFor(() => storedIds(emulator).includes(pulled!.instanceId), 10_000);
        expect(storedIds(emulator)).toEqual(idsOf(mine));
      } finally {
        await registry.close();
      }
    });

    it('keeps beating when a listener and a filter throw', async () => {
      const registry = startRegistry([emulator.url], flavor, {
        filters: [
          {
            name: 'broken',
            filter: () => {
              throw new Error('filter bug');
            },
          },
        ],
      });
      const filterErrors: string[] = [];
      registry.client.filters.events.on('filter-error', event => filterErrors.push(event.name));
      registry.client.events.on('heartbeat-acknowledged', () => {
        throw new Error('listener bug');
      });
      try {
        const mine = instances(2);
        await registry.client.register(mine);

        await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 4);
        expect(filterErrors.length).toBeGreaterThanOrEqual(4);
        expect(registry.eventsOf('heartbeat-acknowledged').length).toBeGreaterThanOrEqual(3);
        expect(idsIn(requestsOf(emulator, 'heartbeat').at(-1)?.body).sort()).toEqual(idsOf(mine));
      } finally {
        await registry.close();
      }
    });
  });

  describe('on a cluster of three', () => {
    let cluster: ArtemisCluster;

    beforeEach(async () => {
      cluster = await startArtemisCluster({ flavor, size: 3, ...FAST_LEASES });
    });
    afterEach(async () => {
      await cluster.close();
    });

    it('loses no lease on the surviving nodes when the node in use stops', async () => {
      const registry = startRegistry(cluster.urls, flavor);
      const changes: EmulatorChange[] = [];
      try {
        const mine = instances(3);
        await registry.client.register(mine);
        const first = cluster.nodes[0]!;
        expect(requestsOf(first, 'register')).toHaveLength(1);
        cluster.store.onChange(change => changes.push(change));

        await first.stop();
        // Beats for well over a lease TTL (1 s) on the other nodes.
        const survivors = cluster.nodes.slice(1);
        const beatsOnSurvivors = () =>
          survivors.reduce((sum, node) => sum + requestsOf(node, 'heartbeat').length, 0);
        await waitFor(() => beatsOnSurvivors() >= 20, 15_000);

        expect(changes).toEqual([]);
        expect(registry.eventsOf('lease-lost')).toEqual([]);
        expect(registry.eventsOf('re-registered')).toEqual([]);
        expect(
          cluster.store
            .leases()
            .map(lease => lease.instance.instanceId)
            .sort(),
        ).toEqual(idsOf(mine));
      } finally {
        await registry.close();
      }
    });
  });
});
