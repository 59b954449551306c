import { waitFor } from '@artemis/testing';

import { LONG_WAIT_MS } from './fleet';
import { expectNothingLost, useChaosScenario } from './scenario';

describe.each(['java', 'rust'] as const)('rolling restart of a %s cluster', flavor => {
  // Leases outlive a node's restart many times over, yet lapse if heartbeats stopped for good.
  // On Java, one application keeps its leases alive over the heartbeat socket.
  const scenario = useChaosScenario({ flavor, size: 3, leaseTtlMs: 5_000, socketClient: 2 });

  it('restarts every node in turn under steady churn, losing no lease and no change', async () => {
    scenario.fleet.startChurn();
    await scenario.fleet.progress();

    for (const node of scenario.cluster.nodes) {
      await node.stop();
      await scenario.fleet.progress();
      await node.start();
      await scenario.fleet.progress();
    }
    await expectNothingLost(scenario);
    for (const client of scenario.fleet.clients) {
      expect(client.registry.registered()).not.toHaveLength(0);
    }
  });

  it('registers everything again after the whole cluster restarted and lost its state', async () => {
    // A re-registration whose reply was lost in the restart shows only as the lease loss.
    const noticedLoss = scenario.fleet.clients.map(() => false);
    scenario.fleet.clients.forEach((client, index) => {
      const noticed = (): void => {
        noticedLoss[index] = true;
      };
      client.registry.events.on('lease-lost', noticed);
      client.registry.events.on('re-registered', noticed);
    });
    scenario.fleet.startChurn();
    await scenario.fleet.progress();

    await Promise.all(scenario.cluster.nodes.map(node => node.stop()));
    scenario.cluster.store.clear();
    await Promise.all(scenario.cluster.nodes.map(node => node.start()));
    await waitFor(() => noticedLoss.every(Boolean), LONG_WAIT_MS);
    await scenario.fleet.progress();

    await scenario.fleet.stopChurn();
    await scenario.fleet.settle(scenario.cluster.store);
    for (const serviceId of scenario.fleet.services) {
      expect(
        scenario.fleet.missingStable(serviceId, scenario.cluster.nodes[0]!.instances(serviceId)),
      ).toEqual([]);
    }
    expect(scenario.fleet.churnFailures).toEqual([]);
    expect(scenario.rejections.reasons).toEqual([]);
  });
});
