import type { ArtemisCluster, RejectionWatch, TcpProxy } from '@artemis/testing';
import { startArtemisCluster, startTcpProxy, watchUnhandledRejections } from '@artemis/testing';

import { startFleet } from './fleet';
import type { Fleet, FleetOptions } from './fleet';

/** What each test of a scenario works with; the fields are set afresh before every test. */
export interface ChaosScenario {
  cluster: ArtemisCluster;
  /** One per node, in node order, when the scenario is `proxied`; otherwise empty. */
  proxies: TcpProxy[];
  fleet: Fleet;
  rejections: RejectionWatch;
}

export interface ChaosScenarioOptions {
  flavor: 'java' | 'rust';
  /** Nodes in the cluster. */
  size: number;
  /** Lease TTL of the servers: long enough to outlive the fault, short enough to show a loss. */
  leaseTtlMs: number;
  /** Client applications in the fleet. @default the fleet's default */
  clients?: number;
  /**
   * Puts a pausable TCP proxy in front of every node and lets clients reach the nodes only
   * through them, the Java up-nodes lists included, so pausing a proxy cuts its node off.
   */
  proxied?: boolean;
  /** On Java, the application at this index heartbeats over the heartbeat socket. */
  socketClient?: number;
}

/**
 * Registers `beforeEach` and `afterEach` hooks that start a cluster and a fleet of clients that
 * register and watch, and close them after the test, and returns the scenario they fill in.
 */
export function useChaosScenario(options: ChaosScenarioOptions): ChaosScenario {
  const scenario = { proxies: [] } as unknown as ChaosScenario;

  beforeEach(async () => {
    scenario.rejections = watchUnhandledRejections();
    scenario.cluster = await startArtemisCluster({
      flavor: options.flavor,
      size: options.size,
      leaseTtlMs: options.leaseTtlMs,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
    scenario.proxies = options.proxied ? await proxyEveryNode(scenario.cluster) : [];

    const fleetOptions: FleetOptions = {
      flavor: options.flavor,
      serverUrls: options.proxied
        ? scenario.proxies.map(proxy => proxy.url)
        : scenario.cluster.urls,
      store: scenario.cluster.store,
      clientOptions: index =>
        options.flavor === 'java' && index === options.socketClient
          ? { heartbeatTransport: 'websocket' }
          : {},
      ...(options.clients === undefined ? {} : { clients: options.clients }),
    };
    scenario.fleet = startFleet(fleetOptions);
    await scenario.fleet.registerAndWatch();
  });

  afterEach(async () => {
    await scenario.fleet.close();
    await Promise.all(scenario.proxies.map(proxy => proxy.close()));
    await scenario.cluster.close();
    scenario.rejections.dispose();
  });

  return scenario;
}

async function proxyEveryNode(cluster: ArtemisCluster): Promise<TcpProxy[]> {
  const proxies = await Promise.all(cluster.nodes.map(node => startTcpProxy({ target: node.url })));
  cluster.nodes.forEach((node, index) => {
    node.advertisedUrl = proxies[index]!.url;
  });
  return proxies;
}

/**
 * Ends the churn, waits until every server view, cache and watcher shows the final state, and
 * asserts that nothing was lost on the way and that no rejection went unhandled.
 */
export async function expectNothingLost(scenario: ChaosScenario): Promise<void> {
  await scenario.fleet.stopChurn();
  await scenario.fleet.settle(scenario.cluster.store);

  expect(scenario.fleet.churnFailures).toEqual([]);
  expect(scenario.fleet.droppedLeases).toEqual([]);
  expect(scenario.fleet.leasesLostOnServer).toEqual([]);
  expect(scenario.fleet.discoveryGaps).toEqual([]);
  expect(scenario.rejections.reasons).toEqual([]);
}
