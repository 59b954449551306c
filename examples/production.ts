// The three settings a production service wants: statuses that follow its health, a drain on
// shutdown so that a deploy drops no request, and a discovery snapshot for a start while the
// registry is down.
import { createArtemisClient } from '@artemis/client';
import type { InstanceStatus, RegistrationInstance } from '@artemis/client';

/** What the example saw, so that its test can check it. */
export interface ProductionResult {
  /** The instances of `checkout` that discovery showed while the database was down. */
  whileDatabaseDown: string[];
  /** And once it was back. */
  afterRecovery: string[];
  /** How long `close()` took: at least the drain. */
  closeMs: number;
}

/**
 * Registers two instances of `checkout`, takes one out of discovery while its database is down
 * and brings it back, then closes with a drain. The snapshot file keeps what discovery knew for
 * the next start.
 */
export async function productionExample(
  serverUrls: readonly string[],
  snapshotFile: string,
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<ProductionResult> {
  // What the application knows of its own health; a real one would ask its database pool.
  const databaseUp = new Map([
    ['checkout-1', true],
    ['checkout-2', true],
  ]);
  const healthOf = (instance: RegistrationInstance): InstanceStatus =>
    databaseUp.get(instance.instanceId) === false ? 'down' : 'up';

  const client = createArtemisClient({
    serverUrls,
    regionId,
    zoneId,
    // Asked before every heartbeat; a changed status is registered at that beat.
    healthCheck: healthOf,
    // On close: unregister, then serve on for this long while consumers drop the instances.
    shutdownDrainMs: 300,
    // Written after changes and on close; read when a service cannot be fetched at start.
    discoverySnapshotFile: snapshotFile,
    // Short intervals, so the example runs in a second; the defaults are 5 s and 30 s.
    heartbeatIntervalMs: 100,
    discoveryPollIntervalMs: 100,
  });

  const instance = (n: number): RegistrationInstance => ({
    regionId,
    zoneId,
    serviceId: 'checkout',
    instanceId: `checkout-${n}`,
    ip: '127.0.0.1',
    port: 9100 + n,
    url: `http://127.0.0.1:${9100 + n}`,
    status: 'up',
  });
  const upNow = async (): Promise<string[]> =>
    (await client.discovery.getService('checkout')).instances.map(i => i.instanceId).sort();
  const until = async (wanted: string): Promise<string[]> => {
    for (let tries = 0; tries < 100; tries++) {
      const ids = await upNow();
      if (ids.join() === wanted) return ids;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`discovery never showed ${wanted}`);
  };

  let closed = false;
  try {
    await client.registry.register([instance(1), instance(2)]);
    await until('checkout-1,checkout-2');

    databaseUp.set('checkout-2', false);
    const whileDatabaseDown = await until('checkout-1');

    databaseUp.set('checkout-2', true);
    const afterRecovery = await until('checkout-1,checkout-2');

    const started = Date.now();
    await client.close();
    closed = true;
    return { whileDatabaseDown, afterRecovery, closeMs: Date.now() - started };
  } finally {
    if (!closed) await client.close();
  }
}
