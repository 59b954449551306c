import type { GarbageKind } from '@artemis/testing';
import { startArtemisCluster, waitFor } from '@artemis/testing';
import type { ArtemisCluster } from '@artemis/testing';

import { isArtemisError, RegistrationFailedError } from '../../src/index';
import { chaosInstance, LONG_WAIT_MS, startFleet } from './fleet';
import type { Fleet } from './fleet';
import { watchUnhandledRejections } from './unhandled-rejections';
import type { RejectionWatch } from './unhandled-rejections';

const KINDS: GarbageKind[] = ['html', 'truncated-json', 'huge', 'wrong-types'];

describe.each(['java', 'rust'] as const)('a %s server answering garbage', flavor => {
  let cluster: ArtemisCluster;
  let fleet: Fleet;
  let rejections: RejectionWatch;

  beforeEach(async () => {
    rejections = watchUnhandledRejections();
    // One node, so no failover hides the garbage; leases outlive the garbage spell.
    cluster = await startArtemisCluster({
      flavor,
      size: 1,
      leaseTtlMs: 10_000,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
    fleet = startFleet({
      flavor,
      serverUrls: cluster.urls,
      store: cluster.store,
      clients: 2,
      // On Java, the second application's heartbeats go over the heartbeat socket, garbled too.
      clientOptions: index =>
        flavor === 'java' && index === 1 ? { heartbeatTransport: 'websocket' } : {},
    });
    await fleet.registerAndWatch();
  });

  afterEach(async () => {
    await fleet.close();
    await cluster.close();
    rejections.dispose();
  });

  it.each(KINDS)(
    'fails with typed errors on %s, keeps the cache and the leases, then recovers',
    async kind => {
      const server = cluster.nodes[0]!;
      fleet.startChurn();
      await fleet.progress();
      await fleet.stopChurn();
      await fleet.settle(cluster.store);
      const before = await Promise.all(
        fleet.clients.map(client => client.discovery.getService(fleet.services[0]!)),
      );
      const failures = recordFailures(fleet);

      server.faults.garbage(kind);
      await Promise.all(fleet.clients.map(client => client.discovery.refresh()));
      await waitFor(
        () =>
          fleet.clients.every((_, i) => failures.heartbeats[i]! > 0 && failures.refreshes[i]! > 0),
        LONG_WAIT_MS,
      );
      const refused = fleet.clients[0]!.registry.register([
        chaosInstance('chaos-garbage', 'during'),
      ]);
      await expect(refused).rejects.toBeInstanceOf(RegistrationFailedError);

      // What the caches answer is the last good data, untouched.
      for (const [index, client] of fleet.clients.entries()) {
        expect(await client.discovery.getService(fleet.services[0]!)).toBe(before[index]);
        expect(client.discovery.cacheInfo(fleet.services[0]!)?.stale).toBe(true);
      }
      server.faults.garbage(null);

      await fleet.progress();
      fleet.startChurn();
      await fleet.progress();
      await fleet.stopChurn();
      await fleet.settle(cluster.store);

      expect(failures.untyped).toEqual([]);
      expect(fleet.churnFailures).toEqual([]);
      expect(fleet.droppedLeases).toEqual([]);
      expect(fleet.leasesLostOnServer).toEqual([]);
      expect(fleet.discoveryGaps).toEqual([]);
      for (const client of fleet.clients) {
        expect(client.discovery.cacheInfo(fleet.services[0]!)?.stale).toBe(false);
      }
      expect(rejections.reasons).toEqual([]);
    },
  );
});

/** Counts failed heartbeats and refreshes per client, and keeps every error that has no code. */
function recordFailures(fleet: Fleet): {
  heartbeats: number[];
  refreshes: number[];
  untyped: unknown[];
} {
  const heartbeats = fleet.clients.map(() => 0);
  const refreshes = fleet.clients.map(() => 0);
  const untyped: unknown[] = [];
  fleet.clients.forEach((client, index) => {
    client.registry.events.on('heartbeat-failed', ({ error }) => {
      heartbeats[index]! += 1;
      if (!isArtemisError(error)) untyped.push(error);
    });
    client.discovery.events.on('refresh-failed', ({ error }) => {
      refreshes[index]! += 1;
      if (!isArtemisError(error)) untyped.push(error);
    });
  });
  return { heartbeats, refreshes, untyped };
}
