import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import {
  FAST_LEASES,
  idsIn,
  idsOf,
  idsSent,
  instance,
  instances,
  requestsOf,
  startRegistry,
  storedIds,
} from './fixtures';

const REQUIRED_FIELDS = [
  'serviceId',
  'instanceId',
  'url',
  'ip',
  'port',
  'regionId',
  'zoneId',
  'status',
] as const;

/** Keeps the event loop busy, as a CPU-heavy request handler would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy on purpose.
  }
}

describe.each(['java', 'rust'] as const)('registry lifecycle (%s)', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor, ...FAST_LEASES });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it.each(REQUIRED_FIELDS)(
    'refuses an instance without %s, naming it, and sends nothing',
    async field => {
      const registry = startRegistry([emulator.url], flavor);
      try {
        const incomplete: Record<string, unknown> = { ...instance() };
        delete incomplete[field];

        await expect(registry.client.register([instance(), incomplete])).rejects.toMatchObject({
          name: 'InvalidInstanceError',
          code: 'ARTEMIS_INVALID_INSTANCE',
          missing: [`instances[1].${field}`],
        });
        expect(emulator.requests).toEqual([]);
      } finally {
        await registry.close();
      }
    },
  );

  it('rejects a registration the server refuses with a typed error naming the instance', async () => {
    const registry = startRegistry([emulator.url], flavor);
    try {
      emulator.faults.failNext(50, 500);

      const error = await registry.client.register([instance()]).catch(caught => caught);

      expect(error).toMatchObject({ code: 'ARTEMIS_REGISTRATION_FAILED', accepted: [] });
      expect(error.failed).toHaveLength(1);
      expect(error.cause).toBeDefined();
      expect(registry.client.registered()).toEqual([]);
    } finally {
      await registry.close();
    }
  });

  it('emits registered, acknowledged beats with latency and loop delay, lease lost, registered again and heartbeat failed', async () => {
    const registry = startRegistry([emulator.url], flavor);
    try {
      const mine = instances(2);
      await registry.client.register(mine);
      expect(registry.eventsOf('registered').map(event => idsOf(event.instances))).toEqual([
        idsOf(mine),
      ]);

      await waitFor(() => registry.eventsOf('heartbeat-acknowledged').length >= 1);
      const beat = registry.eventsOf('heartbeat-acknowledged')[0]!;
      expect(beat).toMatchObject({ count: 2, requests: 1, url: emulator.url });
      expect(beat.latencyMs).toBeGreaterThanOrEqual(0);
      expect(typeof beat.eventLoopDelayMs).toBe('number');
      expect(typeof beat.timerDriftMs).toBe('number');

      // A stall of the event loop shows up in the beats that follow it: as the delay sampled
      // before a beat, or as the lateness of a beat due during the stall, which is at least the
      // stall less one interval.
      const beatsBeforeStall = registry.eventsOf('heartbeat-acknowledged').length;
      blockEventLoop(300);
      await waitFor(
        () => registry.eventsOf('heartbeat-acknowledged').length >= beatsBeforeStall + 3,
      );
      const stallSeen = registry
        .eventsOf('heartbeat-acknowledged')
        .slice(beatsBeforeStall)
        .map(ack => Math.max(ack.eventLoopDelayMs, ack.timerDriftMs));
      expect(Math.max(...stallSeen)).toBeGreaterThanOrEqual(150);

      emulator.removeInstance(mine[0]!);
      await waitFor(() => registry.eventsOf('re-registered').length >= 1);
      expect(idsOf(registry.eventsOf('lease-lost')[0]!.instances)).toEqual([mine[0]!.instanceId]);
      expect(registry.eventsOf('re-registered')[0]).toMatchObject({ reason: 'lease-lost' });

      emulator.faults.failNext(1_000, 500);
      await waitFor(() => registry.eventsOf('heartbeat-failed').length >= 1);
      expect(registry.eventsOf('heartbeat-failed')[0]).toMatchObject({
        count: 2,
        error: expect.objectContaining({ code: expect.any(String) }),
      });
      emulator.faults.reset();
    } finally {
      await registry.close();
    }
  });

  it('unregisters on the server and stops heartbeats of those instances only', async () => {
    const registry = startRegistry([emulator.url], flavor);
    try {
      const [gone, kept] = instances(2);
      await registry.client.register([gone!, kept!]);
      await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 1);

      await registry.client.unregister([gone!]);
      expect(idsSent(emulator, 'unregister')).toEqual([gone!.instanceId]);
      await waitFor(() => storedIds(emulator).length === 1);
      expect(storedIds(emulator)).toEqual([kept!.instanceId]);

      emulator.clearLog();
      await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 3);
      for (const beat of requestsOf(emulator, 'heartbeat')) {
        expect(idsIn(beat.body)).toEqual([kept!.instanceId]);
      }
      expect(requestsOf(emulator, 'register')).toEqual([]);
    } finally {
      await registry.close();
    }
  });

  it('unregisters everything on close, is idempotent, and sends nothing afterwards', async () => {
    const registry = startRegistry([emulator.url], flavor);
    const mine = instances(3);
    await registry.client.register(mine);
    await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 1);

    await Promise.all([registry.client.close(), registry.client.close()]);
    await registry.client.close();

    expect(requestsOf(emulator, 'unregister')).toHaveLength(1);
    expect(idsSent(emulator, 'unregister').sort()).toEqual(idsOf(mine));
    await waitFor(() => storedIds(emulator).length === 0);
    await expect(registry.client.register([instance()])).rejects.toMatchObject({
      code: 'ARTEMIS_CLIENT_CLOSED',
    });

    const requestsAtClose = emulator.requests.length;
    await registry.close();
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(emulator.requests.length).toBe(requestsAtClose);
  });

  it('finishes close at its deadline when the server never answers', async () => {
    const registry = startRegistry([emulator.url], flavor, {
      config: { shutdownTimeoutMs: 300, requestTimeoutMs: 30_000 },
    });
    try {
      await registry.client.register(instances(2));

      emulator.faults.stall();
      await expect(registry.client.close()).resolves.toBeUndefined();
      expect(requestsOf(emulator, 'unregister')).toHaveLength(1);
    } finally {
      emulator.faults.reset();
      await registry.close();
    }
  });

  it('applies a heartbeat interval changed in the config store at the next beat', async () => {
    const registry = startRegistry([emulator.url], flavor, {
      config: { heartbeatIntervalMs: 60_000, heartbeatTtlMs: 180_000 },
    });
    try {
      await registry.client.register(instances(1));
      expect(requestsOf(emulator, 'heartbeat')).toEqual([]);

      registry.config.update({ heartbeatIntervalMs: 100 });
      await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 3, 10_000);
    } finally {
      await registry.close();
    }
  });
});
