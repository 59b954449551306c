import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster, waitFor } from '@artemis/testing';

import { LONG_WAIT_MS, startFleet } from './fleet';
import type { Fleet } from './fleet';
import { watchUnhandledRejections } from './unhandled-rejections';
import type { RejectionWatch } from './unhandled-rejections';

describe.each(['java', 'rust'] as const)('rolling restart of a %s cluster', flavor => {
  let cluster: ArtemisCluster;
  let fleet: Fleet;
  let rejections: RejectionWatch;

  beforeEach(async () => {
    rejections = watchUnhandledRejections();
    // Leases outlive a node's restart many times over, yet lapse if heartbeats stopped for good.
    cluster = await startArtemisCluster({
      flavor,
      size: 3,
      leaseTtlMs: 5_000,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
    fleet = startFleet({
      flavor,
      serverUrls: cluster.urls,
      store: cluster.store,
      // On Java, one application keeps its leases alive over the heartbeat socket.
      clientOptions: index =>
        flavor === 'java' && index === 2 ? { heartbeatTransport: 'websocket' } : {},
    });
    await fleet.registerAndWatch();
  });

  afterEach(async () => {
    await fleet.close();
    await cluster.close();
    rejections.dispose();
  });

  it('restarts every node in turn under steady churn, losing no lease and no change', async () => {
    fleet.startChurn();
    await fleet.progress();

    for (const node of cluster.nodes) {
      await node.stop();
      await fleet.progress();
      await node.start();
      await fleet.progress();
    }
    await fleet.stopChurn();
    await fleet.settle(cluster.store);

    expect(fleet.churnFailures).toEqual([]);
    expect(fleet.droppedLeases).toEqual([]);
    expect(fleet.leasesLostOnServer).toEqual([]);
    expect(fleet.discoveryGaps).toEqual([]);
    for (const client of fleet.clients) {
      expect(client.registry.registered()).not.toHaveLength(0);
    }
    expect(rejections.reasons).toEqual([]);
  });

  it('registers everything again after the whole cluster restarted and lost its state', async () => {
    // A re-registration whose reply was lost in the restart shows only as the lease loss.
    const noticedLoss = fleet.clients.map(() => false);
    fleet.clients.forEach((client, index) => {
      const noticed = (): void => {
        noticedLoss[index] = true;
      };
      client.registry.events.on('lease-lost', noticed);
      client.registry.events.on('re-registered', noticed);
    });
    fleet.startChurn();
    await fleet.progress();

    await Promise.all(cluster.nodes.map(node => node.stop()));
    cluster.store.clear();
    await Promise.all(cluster.nodes.map(node => node.start()));
    await waitFor(() => noticedLoss.every(Boolean), LONG_WAIT_MS);
    await fleet.progress();

    await fleet.stopChurn();
    await fleet.settle(cluster.store);
    for (const serviceId of fleet.services) {
      expect(fleet.missingStable(serviceId, cluster.nodes[0]!.instances(serviceId))).toEqual([]);
    }
    expect(fleet.churnFailures).toEqual([]);
    expect(rejections.reasons).toEqual([]);
  });
});
