import { ConfigStore } from '@artemis/config';
import type { ArtemisOptions } from '@artemis/config';
import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster, waitFor } from '@artemis/testing';

import { AddressManager } from '../src/address-manager';
import type { AddressEvents } from '../src/address-types';

const UP_NODES = '/api/cluster/up-registry-nodes.json';

function managerFor(seeds: readonly string[], options: ArtemisOptions = {}) {
  const config = new ConfigStore(
    {
      regionId: 'test',
      zoneId: 'test-z1',
      requestTimeoutMs: 1_000,
      ...options,
      serverUrls: [...seeds],
    },
    {},
  );
  const manager = new AddressManager({ side: 'registry', config, deterministicOrder: true });
  const events: Array<[keyof AddressEvents, unknown]> = [];
  for (const name of ['list-changed', 'refresh-failed', 'current-changed'] as const) {
    manager.events.on(name, payload => events.push([name, payload]));
  }
  return { manager, config, events };
}

function upNodesCalls(cluster: ArtemisCluster): number {
  return cluster.nodes.flatMap(node => node.requests).filter(r => r.path.endsWith(UP_NODES)).length;
}

describe('address refresh from the up-nodes API (java)', () => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor: 'java', size: 3 });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('replaces the seed list with the nodes the cluster reports', async () => {
    const { manager, events } = managerFor([`${cluster.urls[0]}/`]);
    try {
      expect(manager.snapshot().map(state => state.source)).toEqual(['seed']);
      const result = await manager.refresh();

      expect(result).toEqual({ kind: 'updated', urls: [...cluster.urls] });
      expect(manager.snapshot()).toEqual(
        cluster.urls.map(url => ({ url, healthy: true, source: 'cluster' })),
      );
      expect(events).toContainEqual([
        'list-changed',
        { side: 'registry', urls: [...cluster.urls], previous: [cluster.urls[0]] },
      ]);
    } finally {
      await manager.close();
    }
  });

  it('refreshes on the configured interval and follows a node going away', async () => {
    const { manager } = managerFor([cluster.urls[0]!], { addressRefreshIntervalMs: 50 });
    try {
      manager.start();
      await waitFor(() => manager.snapshot().length === 3, 10_000);
      await cluster.nodes[2]!.stop();
      await waitFor(() => manager.snapshot().length === 2, 10_000);
      expect(manager.snapshot().map(state => state.url)).toEqual(cluster.urls.slice(0, 2));
      expect(upNodesCalls(cluster)).toBeGreaterThanOrEqual(2);
    } finally {
      await manager.close();
    }
  });

  it('keeps the old list when a refresh fails', async () => {
    const { manager, events } = managerFor([cluster.urls[0]!]);
    try {
      await manager.refresh();
      await Promise.all(cluster.nodes.map(node => node.stop()));

      const result = await manager.refresh();
      expect(result.kind).toBe('failed');
      expect(manager.snapshot().map(state => state.url)).toEqual([...cluster.urls]);
      expect(events.filter(([name]) => name === 'refresh-failed')).toHaveLength(1);
    } finally {
      await manager.close();
    }
  });

  it('keeps the old list when the cluster reports no node', async () => {
    const { manager } = managerFor([cluster.urls[0]!]);
    try {
      await manager.refresh();
      cluster.nodes.forEach(node => node.faults.serviceUnavailable(true));

      await expect(manager.refresh()).resolves.toEqual({ kind: 'kept', reason: 'empty' });
      expect(manager.snapshot().map(state => state.url)).toEqual([...cluster.urls]);
    } finally {
      await manager.close();
    }
  });

  it('keeps the old list when a refresh answers garbage', async () => {
    const { manager } = managerFor([cluster.urls[0]!]);
    try {
      await manager.refresh();
      cluster.nodes.forEach(node => node.faults.garbage('html'));

      const result = await manager.refresh();
      expect(result.kind).toBe('failed');
      expect((result as { error: { code?: string } }).error.code).toBe('ARTEMIS_INVALID_REPLY');
      expect(manager.snapshot()).toHaveLength(3);
    } finally {
      await manager.close();
    }
  });
});

describe('address refresh without an up-nodes API (rust)', () => {
  it('falls back to the seed list on the 404', async () => {
    const cluster = await startArtemisCluster({ flavor: 'rust', size: 2 });
    const { manager, events } = managerFor([`${cluster.urls[0]}/`, cluster.urls[1]!]);
    try {
      const result = await manager.refresh();
      expect(result).toEqual({ kind: 'fallback' });
      expect(manager.snapshot()).toEqual(
        cluster.urls.map(url => ({ url, healthy: true, source: 'seed' })),
      );
      expect(events.filter(([name]) => name === 'list-changed')).toHaveLength(0);
      expect(cluster.nodes[0]!.requests.map(request => request.path)).toEqual([UP_NODES]);
    } finally {
      await manager.close();
      await cluster.close();
    }
  });
});
