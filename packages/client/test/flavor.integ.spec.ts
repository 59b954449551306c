import {
  createArtemisClient,
  FlavorDetectionError,
  flavorOfHealthReply,
  hasErrorCode,
} from '../src/index';
import { startArtemisCluster, startArtemisEmulator } from '@artemis/testing';

import { FAST, REGION, ZONE } from './rig';

describe('flavorOfHealthReply', () => {
  it.each([
    [200, 'OK', 'rust'],
    [200, 'OK\n', 'rust'],
    [404, 'Not Found', 'java'],
    [200, '<html>status page</html>', 'java'],
    [401, '', 'java'],
    [500, 'OK', undefined],
    [503, '', undefined],
  ])('reads HTTP %i %j as %s', (status, text, expected) => {
    expect(flavorOfHealthReply(status, text)).toBe(expected);
  });
});

describe('flavor detection', () => {
  it('fails with a typed error while no node answers, and succeeds once one does', async () => {
    const emulator = await startArtemisEmulator({ flavor: 'rust', regionId: REGION, zoneId: ZONE });
    const url = emulator.url;
    await emulator.stop();
    const client = createArtemisClient({ ...FAST, serverUrls: [url], addressQuarantineMs: 0 });

    try {
      const failure = await client.flavor().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(FlavorDetectionError);
      expect(hasErrorCode(failure, 'ARTEMIS_FLAVOR_DETECTION_FAILED')).toBe(true);
      expect((failure as Error).cause).toBeDefined();

      await emulator.start();
      await expect(client.flavor()).resolves.toBe('rust');
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('asks the next node when one is down', async () => {
    const cluster = await startArtemisCluster({
      size: 2,
      flavor: 'rust',
      regionId: REGION,
      zoneId: ZONE,
    });
    const [first, second] = cluster.nodes;
    await first!.stop();
    const client = createArtemisClient({
      ...FAST,
      serverUrls: [first!.url, second!.url],
    });

    try {
      await expect(client.flavor()).resolves.toBe('rust');
      expect(second!.requests.some(request => request.path.endsWith('/health'))).toBe(true);
    } finally {
      await client.close();
      await cluster.close();
    }
  });

  it('registers on an auto-detected server that came up after the client', async () => {
    const emulator = await startArtemisEmulator({ flavor: 'java', regionId: REGION, zoneId: ZONE });
    const url = emulator.url;
    await emulator.stop();
    const client = createArtemisClient({ ...FAST, serverUrls: [url], addressQuarantineMs: 0 });
    const instance = {
      regionId: REGION,
      zoneId: ZONE,
      serviceId: 'late',
      instanceId: 'late-1',
      ip: '127.0.0.1',
      port: 1,
      url: 'http://127.0.0.1:1',
      status: 'up',
    };

    try {
      await expect(client.registry.register([instance])).rejects.toThrow();
      await emulator.start();
      await client.registry.register([instance]);
      expect(emulator.instances('late')).toHaveLength(1);
      await expect(client.flavor()).resolves.toBe('java');
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
