import { JAVA_WS_MAX_FRAME_BYTES } from '@artemis/protocol';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import {
  FAST_LEASES,
  heartbeatFrames,
  idsIn,
  idsOf,
  idsSent,
  instances,
  requestsOf,
  startRegistry,
  storedIds,
} from './fixtures';

describe.each(['java', 'rust'] as const)('registry batches over HTTP (%s)', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor, ...FAST_LEASES });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('splits big register and heartbeat batches into requests within the limit', async () => {
    const registry = startRegistry([emulator.url], flavor, { maxInstancesPerRequest: 100 });
    try {
      const mine = instances(250);
      await registry.client.register(mine);

      const registers = requestsOf(emulator, 'register');
      expect(registers).toHaveLength(3);
      for (const request of registers) expect(idsIn(request.body).length).toBeLessThanOrEqual(100);
      expect(storedIds(emulator)).toEqual(idsOf(mine));

      const beat = await waitFor(() => registry.eventsOf('heartbeat-acknowledged')[0]);
      expect(beat).toMatchObject({ count: 250, requests: 3 });
      const beats = requestsOf(emulator, 'heartbeat').slice(0, 3);
      for (const request of beats) expect(idsIn(request.body).length).toBeLessThanOrEqual(100);
      expect(beats.flatMap(request => idsIn(request.body)).sort()).toEqual(idsOf(mine));
    } finally {
      await registry.close();
    }
  });

  it('sends the body each server needs: full instances to Java, keys to Rust', async () => {
    const registry = startRegistry([emulator.url], flavor);
    try {
      await registry.client.register(instances(1));
      const [beat] = await waitFor(() => {
        const found = requestsOf(emulator, 'heartbeat');
        return found.length > 0 && found;
      });

      const body = beat!.body as Record<string, unknown[]>;
      if (flavor === 'java') {
        expect(body['instances']?.[0]).toMatchObject({
          regionId: 'test',
          url: expect.any(String),
          port: expect.any(Number),
          status: 'up',
        });
        expect(body['instanceKeys']).toBeUndefined();
      } else {
        expect(body['instanceKeys']?.[0]).toEqual({
          regionId: 'test',
          zoneId: 'test-z1',
          serviceId: expect.any(String),
          groupId: '',
          instanceId: expect.any(String),
        });
        expect(body['instances']).toBeUndefined();
      }
      expect(beat!.headers['content-encoding']).toBeUndefined();
    } finally {
      await registry.close();
    }
  });
});

describe('registry heartbeats over the Java heartbeat socket', () => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'java', ...FAST_LEASES });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('beats over the socket in frames under 8 KiB, with register still over HTTP', async () => {
    const registry = startRegistry([emulator.url], 'java', {
      config: { heartbeatTransport: 'websocket' },
    });
    try {
      const mine = instances(120);
      await registry.client.register(mine);
      expect(requestsOf(emulator, 'register').length).toBeGreaterThan(0);

      const beat = await waitFor(() => registry.eventsOf('heartbeat-acknowledged')[0]);
      expect(beat.count).toBe(120);
      expect(beat.requests).toBeGreaterThan(1);

      const frames = heartbeatFrames(emulator).slice(0, beat.requests);
      for (const frame of frames) {
        expect(Buffer.byteLength(frame.data, 'utf8')).toBeLessThanOrEqual(JAVA_WS_MAX_FRAME_BYTES);
      }
      expect(frames.flatMap(frame => idsIn(JSON.parse(frame.data))).sort()).toEqual(idsOf(mine));
      expect(requestsOf(emulator, 'heartbeat')).toEqual([]);
    } finally {
      await registry.close();
    }
  });

  it('registers again over HTTP only the instance a socket reply names as unknown', async () => {
    const registry = startRegistry([emulator.url], 'java', {
      config: { heartbeatTransport: 'websocket' },
    });
    try {
      const mine = instances(3);
      await registry.client.register(mine);
      await waitFor(() => heartbeatFrames(emulator).length >= 1);

      emulator.clearLog();
      emulator.removeInstance(mine[1]!);
      await waitFor(() => storedIds(emulator).length === 3);

      expect(idsSent(emulator, 'register')).toEqual([mine[1]!.instanceId]);
      expect(registry.eventsOf('re-registered')[0]).toMatchObject({ reason: 'lease-lost' });
    } finally {
      await registry.close();
    }
  });

  it('heals after the server drops the socket and forgets every lease', async () => {
    const registry = startRegistry([emulator.url], 'java', {
      config: { heartbeatTransport: 'websocket' },
    });
    try {
      const mine = instances(3);
      await registry.client.register(mine);
      await waitFor(() => heartbeatFrames(emulator).length >= 1);

      await emulator.stop();
      emulator.faults.clearState();
      await emulator.start();

      await waitFor(() => storedIds(emulator).length === 3, 10_000);
      expect(storedIds(emulator)).toEqual(idsOf(mine));
    } finally {
      await registry.close();
    }
  });
});

describe('registry on a Rust server with the socket heartbeat configured', () => {
  it('beats over HTTP, since Rust has no heartbeat socket', async () => {
    const emulator = await startArtemisEmulator({ flavor: 'rust' });
    const registry = startRegistry([emulator.url], 'rust', {
      config: { heartbeatTransport: 'websocket' },
    });
    try {
      await registry.client.register(instances(2));
      await waitFor(() => requestsOf(emulator, 'heartbeat').length >= 2);

      expect(emulator.frames).toEqual([]);
    } finally {
      await registry.close();
      await emulator.close();
    }
  });
});
