import type { HeartbeatTransport } from '@artemis/config';
import type { ArtemisCluster, EmulatorChange } from '@artemis/testing';
import { startArtemisCluster, waitFor } from '@artemis/testing';

import { heartbeatFrames, idsOf, instances, startRegistry } from './fixtures';

const CASES: Array<['java' | 'rust', HeartbeatTransport]> = [
  ['java', 'http'],
  ['java', 'websocket'],
  ['rust', 'http'],
];

describe.each(CASES)('registry watchdog (%s, heartbeats over %s)', (flavor, heartbeatTransport) => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    // Leases outlive the watchdog's reaction by far, so the test sees failover, not expiry.
    cluster = await startArtemisCluster({
      flavor,
      size: 2,
      leaseTtlMs: 5_000,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('marks a node that stopped answering down and keeps the leases alive on another node', async () => {
    const registry = startRegistry(cluster.urls, flavor, { config: { heartbeatTransport } });
    const changes: EmulatorChange[] = [];
    try {
      const mine = instances(3);
      await registry.client.register(mine);
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= 2);
      const [stalled, healthy] = cluster.nodes;
      cluster.store.onChange(change => changes.push(change));

      stalled!.faults.stall();
      const markedDown = await waitFor(() => registry.eventsOf('node-marked-down')[0], 10_000);

      expect(markedDown.url).toBe(cluster.urls[0]);
      expect(markedDown.sinceAckMs).toBeGreaterThan(0);
      expect(registry.eventsOf('heartbeat-failed').length).toBeGreaterThan(0);

      const beatsBefore = registry.eventsOf('heartbeat-acknowledged').length;
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= beatsBefore + 3);
      if (heartbeatTransport === 'websocket') {
        expect(heartbeatFrames(healthy!).length).toBeGreaterThan(0);
      } else {
        expect(registry.eventsOf('heartbeat-acknowledged').at(-1)?.url).toBe(cluster.urls[1]);
      }
      expect(changes.filter(change => change.changeType === 'delete')).toEqual([]);
      expect(idsOf(cluster.store.leases().map(lease => lease.instance))).toEqual(idsOf(mine));
    } finally {
      cluster.nodes[0]!.faults.reset();
      await registry.close();
    }
  });

  it('moves off a node that reports itself unavailable, with no lease lost', async () => {
    const registry = startRegistry(cluster.urls, flavor, { config: { heartbeatTransport } });
    const changes: EmulatorChange[] = [];
    try {
      const mine = instances(3);
      await registry.client.register(mine);
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= 2);
      const [unavailable, healthy] = cluster.nodes;
      cluster.store.onChange(change => changes.push(change));

      unavailable!.faults.serviceUnavailable();
      healthy!.clearLog();
      const beatsBefore = registry.eventsOf('heartbeat-acknowledged').length;
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= beatsBefore + 5);

      if (heartbeatTransport === 'websocket') {
        await waitFor(() => heartbeatFrames(healthy!).length > 0);
      } else {
        expect(registry.eventsOf('heartbeat-acknowledged').at(-1)?.url).toBe(cluster.urls[1]);
      }
      // Every beat got through: the unavailable node was left within the beat, not by the watchdog.
      expect(registry.eventsOf('heartbeat-failed')).toEqual([]);
      expect(registry.eventsOf('node-marked-down')).toEqual([]);
      expect(registry.eventsOf('lease-lost')).toEqual([]);
      expect(changes).toEqual([]);
      expect(idsOf(cluster.store.leases().map(lease => lease.instance))).toEqual(idsOf(mine));
    } finally {
      cluster.nodes[0]!.faults.reset();
      await registry.close();
    }
  });
});
