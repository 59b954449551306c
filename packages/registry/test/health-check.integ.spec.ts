import type { InstanceStatus } from '@artemis/protocol';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import { FAST_LEASES, idsSent, instances, startRegistry } from './fixtures';

/** Beats every 100 ms, and a watchdog that a loaded machine cannot trip into registering again. */
const CALM_WATCHDOG = { heartbeatIntervalMs: 100, heartbeatTtlMs: 5_000 };

describe.each(['java', 'rust'] as const)('statuses that follow a health check (%s)', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    // Long leases: no lease may lapse under a loaded machine and add registrations of its own.
    emulator = await startArtemisEmulator({ flavor, ...FAST_LEASES, leaseTtlMs: 60_000 });
  });
  afterEach(async () => {
    await emulator.close();
  });

  const statusOf = (instanceId: string): string | null | undefined =>
    emulator.instances().find(stored => stored.instanceId === instanceId)?.status;

  it('registers the status the check changed, once, and the server keeps it through later beats', async () => {
    const health = new Map<string, InstanceStatus>();
    const registry = startRegistry([emulator.url], flavor, {
      config: CALM_WATCHDOG,
      healthCheck: instance => health.get(instance.instanceId),
    });
    try {
      const [ailing, healthy] = instances(2);
      await registry.client.register([ailing!, healthy!]);
      emulator.clearLog();

      health.set(ailing!.instanceId, 'down');
      await waitFor(() => statusOf(ailing!.instanceId) === 'down');
      const beats = registry.eventsOf('heartbeat-acknowledged').length;
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= beats + 3);

      expect(statusOf(ailing!.instanceId)).toBe('down');
      expect(statusOf(healthy!.instanceId)).toBe('up');
      expect(idsSent(emulator, 'register')).toEqual([ailing!.instanceId]);
      expect(registry.eventsOf('status-changed')).toEqual([
        { instance: { ...ailing, status: 'down' }, previous: 'up' },
      ]);
      expect(registry.eventsOf('re-registered')).toMatchObject([{ reason: 'status-changed' }]);
      expect(registry.client.registered().find(i => i.instanceId === ailing!.instanceId)).toEqual({
        ...ailing,
        status: 'down',
      });

      health.delete(ailing!.instanceId); // no opinion: the status stays as it is
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= beats + 6);
      expect(statusOf(ailing!.instanceId)).toBe('down');

      health.set(ailing!.instanceId, 'up');
      await waitFor(() => statusOf(ailing!.instanceId) === 'up');
      expect(registry.eventsOf('status-changed').at(-1)).toMatchObject({ previous: 'down' });
    } finally {
      await registry.close();
    }
  });

  it('sends a change made while the node was unavailable once the node is back', async () => {
    let status: InstanceStatus = 'up';
    const registry = startRegistry([emulator.url], flavor, {
      config: { heartbeatIntervalMs: 100, heartbeatTtlMs: 3_000, httpRetryCount: 1 },
      healthCheck: () => status,
    });
    try {
      const [mine] = instances(1);
      await registry.client.register([mine!]);

      emulator.faults.serviceUnavailable();
      status = 'unhealthy';
      await waitFor(() => registry.eventsOf('re-registration-failed').length > 0);
      expect(statusOf(mine!.instanceId)).toBe('up');

      emulator.faults.reset();
      await waitFor(() => statusOf(mine!.instanceId) === 'unhealthy');
      expect(registry.eventsOf('status-changed')).toHaveLength(1);
    } finally {
      await registry.close();
    }
  });

  it('keeps every lease alive while the check throws or hangs', async () => {
    let mode: 'throw' | 'hang' = 'throw';
    const registry = startRegistry([emulator.url], flavor, {
      config: CALM_WATCHDOG,
      healthCheck: () => {
        if (mode === 'throw') throw new Error('health endpoint crashed');
        return new Promise<InstanceStatus>(() => {});
      },
    });
    try {
      const mine = instances(2);
      await registry.client.register(mine);

      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= 3);
      mode = 'hang';
      const beats = registry.eventsOf('heartbeat-acknowledged').length;
      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= beats + 3);

      const failures = registry.eventsOf('health-check-failed');
      expect(failures.some(f => f.error.message.includes('threw'))).toBe(true);
      expect(failures.some(f => f.error.message.includes('no answer within 50 ms'))).toBe(true);
      expect(failures.every(f => f.error.code === 'ARTEMIS_HEALTH_CHECK_FAILED')).toBe(true);
      expect(emulator.instances().map(stored => stored.status)).toEqual(['up', 'up']);
      expect(registry.eventsOf('lease-lost')).toEqual([]);
    } finally {
      await registry.close();
    }
  });
});
