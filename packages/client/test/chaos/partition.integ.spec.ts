import type { ArtemisCluster, PauseMode, TcpProxy } from '@artemis/testing';
import { startArtemisCluster, startTcpProxy } from '@artemis/testing';

import { startFleet } from './fleet';
import type { Fleet } from './fleet';
import { watchUnhandledRejections } from './unhandled-rejections';
import type { RejectionWatch } from './unhandled-rejections';

describe.each(['java', 'rust'] as const)('a network partition in a %s cluster', flavor => {
  let cluster: ArtemisCluster;
  let proxies: TcpProxy[];
  let fleet: Fleet;
  let rejections: RejectionWatch;

  beforeEach(async () => {
    rejections = watchUnhandledRejections();
    cluster = await startArtemisCluster({
      flavor,
      size: 2,
      leaseTtlMs: 5_000,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
    // Every client reaches the nodes through the proxies only, including the nodes the Java
    // up-nodes lists name, so pausing a proxy cuts that node off from every client.
    proxies = await Promise.all(cluster.nodes.map(node => startTcpProxy({ target: node.url })));
    cluster.nodes.forEach((node, index) => {
      node.advertisedUrl = proxies[index]!.url;
    });
    fleet = startFleet({
      flavor,
      serverUrls: proxies.map(proxy => proxy.url),
      store: cluster.store,
      clientOptions: index =>
        flavor === 'java' && index === 2 ? { heartbeatTransport: 'websocket' } : {},
    });
    await fleet.registerAndWatch();
  });

  afterEach(async () => {
    await fleet.close();
    await Promise.all(proxies.map(proxy => proxy.close()));
    await cluster.close();
    rejections.dispose();
  });

  // Each client side sits on one of the two nodes; cutting off each node in turn moves every
  // side at least once, the second time back onto the node whose partition healed.
  it.each<[PauseMode, PauseMode]>([['hold', 'drop']])(
    'fails over when a node is cut off (%s, then %s), comes back when it heals, loses nothing',
    async (...modes) => {
      fleet.startChurn();
      await fleet.progress();

      for (const [index, proxy] of proxies.entries()) {
        expect(proxy.connectionCount).toBeGreaterThan(0);
        proxy.pause(modes[index]);
        await fleet.progress();

        // Discovery must fail over too: every watcher sees the churn settle during the partition.
        await fleet.stopChurn();
        await fleet.settle(cluster.store);

        proxy.resume();
        fleet.startChurn();
        await fleet.progress();
      }
      await fleet.stopChurn();
      await fleet.settle(cluster.store);

      expect(fleet.churnFailures).toEqual([]);
      expect(fleet.droppedLeases).toEqual([]);
      expect(fleet.leasesLostOnServer).toEqual([]);
      expect(fleet.discoveryGaps).toEqual([]);
      expect(rejections.reasons).toEqual([]);
    },
  );
});
