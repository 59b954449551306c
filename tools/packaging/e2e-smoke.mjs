// Runs from the packaging check's scratch project, on each Node.js release: the packed
// @artemis/client and @artemis/testing, imported as an application would, register, discover and
// unregister against the emulator of each server line. Prints one JSON line of what it saw.
import { createArtemisClient } from '@artemis/client';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

const seen = {};
for (const flavor of ['java', 'rust']) {
  const emulator = await startArtemisEmulator({ flavor, regionId: 'smoke', zoneId: 'z1' });
  const client = createArtemisClient({
    serverUrls: [emulator.url],
    regionId: 'smoke',
    zoneId: 'z1',
    heartbeatIntervalMs: 100,
    heartbeatTtlMs: 1000,
    discoveryPollIntervalMs: 100,
    env: {},
  });
  try {
    await client.registry.register([
      {
        regionId: 'smoke',
        zoneId: 'z1',
        serviceId: 'smoke-service',
        instanceId: 'smoke-1',
        ip: '127.0.0.1',
        port: 8080,
        url: 'http://127.0.0.1:8080',
        status: 'up',
      },
    ]);
    const service = await client.discovery.getService('smoke-service');
    seen[flavor] = {
      detected: await client.flavor(),
      instances: service.instances.map(instance => instance.instanceId),
    };
  } finally {
    await client.close();
  }
  await waitFor(() => emulator.instances('smoke-service').length === 0);
  await emulator.close();
}
console.log(JSON.stringify(seen));
