import type { GarbageKind } from '@artemis/testing';
import { waitFor } from '@artemis/testing';

import { isArtemisError, RegistrationFailedError } from '../../src/index';
import { chaosInstance, LONG_WAIT_MS } from './fleet';
import type { Fleet } from './fleet';
import { expectNothingLost, useChaosScenario } from './scenario';

const KINDS: GarbageKind[] = ['html', 'truncated-json', 'huge', 'wrong-types'];

describe.each(['java', 'rust'] as const)('a %s server answering garbage', flavor => {
  // One node, so no failover hides the garbage; leases outlive the garbage spell. On Java, the
  // second application's heartbeats go over the heartbeat socket, garbled too.
  const scenario = useChaosScenario({
    flavor,
    size: 1,
    leaseTtlMs: 10_000,
    clients: 2,
    socketClient: 1,
  });

  it.each(KINDS)(
    'fails with typed errors on %s, keeps the cache and the leases, then recovers',
    async kind => {
      const server = scenario.cluster.nodes[0]!;
      scenario.fleet.startChurn();
      await scenario.fleet.progress();
      await scenario.fleet.stopChurn();
      await scenario.fleet.settle(scenario.cluster.store);
      const before = await Promise.all(
        scenario.fleet.clients.map(client =>
          client.discovery.getService(scenario.fleet.services[0]!),
        ),
      );
      const failures = recordFailures(scenario.fleet);

      server.faults.garbage(kind);
      await Promise.all(scenario.fleet.clients.map(client => client.discovery.refresh()));
      await waitFor(
        () =>
          scenario.fleet.clients.every(
            (_, i) => failures.heartbeats[i]! > 0 && failures.refreshes[i]! > 0,
          ),
        LONG_WAIT_MS,
      );
      const refused = scenario.fleet.clients[0]!.registry.register([
        chaosInstance('chaos-garbage', 'during'),
      ]);
      await expect(refused).rejects.toBeInstanceOf(RegistrationFailedError);

      // What the caches answer is the last good data, untouched.
      for (const [index, client] of scenario.fleet.clients.entries()) {
        expect(await client.discovery.getService(scenario.fleet.services[0]!)).toBe(before[index]);
        expect(client.discovery.cacheInfo(scenario.fleet.services[0]!)?.stale).toBe(true);
      }
      server.faults.garbage(null);

      await scenario.fleet.progress();
      scenario.fleet.startChurn();
      await scenario.fleet.progress();
      await expectNothingLost(scenario);
      expect(failures.untyped).toEqual([]);
      for (const client of scenario.fleet.clients) {
        expect(client.discovery.cacheInfo(scenario.fleet.services[0]!)?.stale).toBe(false);
      }
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
