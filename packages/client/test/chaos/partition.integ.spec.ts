import type { PauseMode } from '@artemis/testing';
import { expectNothingLost, useChaosScenario } from './scenario';

describe.each(['java', 'rust'] as const)('a network partition in a %s cluster', flavor => {
  const scenario = useChaosScenario({
    flavor,
    size: 2,
    leaseTtlMs: 5_000,
    proxied: true,
    socketClient: 2,
  });

  // Each client side sits on one of the two nodes; cutting off each node in turn moves every
  // side at least once, the second time back onto the node whose partition healed.
  it.each<[PauseMode, PauseMode]>([['hold', 'drop']])(
    'fails over when a node is cut off (%s, then %s), comes back when it heals, loses nothing',
    async (...modes) => {
      scenario.fleet.startChurn();
      await scenario.fleet.progress();

      for (const [index, proxy] of scenario.proxies.entries()) {
        expect(proxy.connectionCount).toBeGreaterThan(0);
        proxy.pause(modes[index]);
        await scenario.fleet.progress();

        // Discovery must fail over too: every watcher sees the churn settle during the partition.
        await scenario.fleet.stopChurn();
        await scenario.fleet.settle(scenario.cluster.store);

        proxy.resume();
        scenario.fleet.startChurn();
        await scenario.fleet.progress();
      }
      await expectNothingLost(scenario);
    },
  );
});
