// Register this application's instances, discover another service, and close cleanly.
import { createArtemisClient, installShutdownHandlers } from '@artemis/client';
import type { RegistrationInstance } from '@artemis/client';

/** What the example saw, so that its test can check it. */
export interface RegisterAndDiscoverResult {
  flavor: string;
  discovered: string[];
  heldBack: number;
}

/**
 * Registers two instances of `orders`, reads them back through discovery, then closes the
 * client, which unregisters them. `regionId` and `zoneId` must be the server's (the Java server
 * refuses instances of another region).
 */
export async function registerAndDiscover(
  serverUrls: readonly string[],
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<RegisterAndDiscoverResult> {
  const client = createArtemisClient({ serverUrls, regionId, zoneId });
  // SIGTERM and SIGINT now unregister before the process exits; nothing is installed by default.
  const uninstallShutdownHandlers = installShutdownHandlers(client);

  try {
    const instance = (n: number): RegistrationInstance => ({
      regionId,
      zoneId,
      serviceId: 'orders',
      instanceId: `orders-${n}`,
      ip: '127.0.0.1',
      port: 8080 + n,
      url: `http://127.0.0.1:${8080 + n}`,
      status: 'up',
    });

    // Resolves once the server accepted them; heartbeats keep them alive from now on.
    const { heldBack } = await client.registry.register([instance(1), instance(2)]);

    // The first call fetches; later calls answer from memory.
    const service = await client.discovery.getService('orders');

    return {
      flavor: await client.flavor(),
      discovered: service.instances.map(i => i.instanceId).sort(),
      heldBack: heldBack.length,
    };
  } finally {
    uninstallShutdownHandlers();
    await client.close();
  }
}
