// Watch a service: every change arrives as `{ changeType, service }`, where `service` is the whole
// service after the change. Java servers push changes; Rust servers are polled.
import { createArtemisClient } from '@artemis/client';
import type { DiscoveryClient, RegistrationInstance, ServiceChangeEvent } from '@artemis/client';

/** One change as the example saw it. */
export interface SeenChange {
  changeType: string;
  instanceId: string | undefined;
  instancesAfter: number;
}

/**
 * Watches `inventory` while a second instance joins and leaves, and returns the two changes.
 * `discoveryPollIntervalMs` is short here so that a Rust server, which never pushes, is seen
 * changing within a second; the default is 30 s.
 */
export async function watchChanges(
  serverUrls: readonly string[],
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<SeenChange[]> {
  const client = createArtemisClient({
    serverUrls,
    regionId,
    zoneId,
    discoveryPollIntervalMs: 1_000,
  });
  const instance = (n: number): RegistrationInstance => ({
    regionId,
    zoneId,
    serviceId: 'inventory',
    instanceId: `inventory-${n}`,
    ip: '127.0.0.1',
    port: 7000 + n,
    url: `http://127.0.0.1:${7000 + n}`,
    status: 'up',
  });

  try {
    await client.registry.register([instance(1)]);
    await client.discovery.getService('inventory');

    // Subscribe first, then make the change.
    const added = nextChange(client.discovery, 'inventory', 'new');
    await client.registry.register([instance(2)]);
    const joined = await added;

    const removed = nextChange(client.discovery, 'inventory', 'delete');
    await client.registry.unregister([instance(2)]);
    const left = await removed;

    return [joined, left].map(event => ({
      changeType: event.changeType,
      instanceId: event.instance?.instanceId,
      instancesAfter: event.service.instances.length,
    }));
  } finally {
    await client.close();
  }
}

/** The next change of one type, from a watch that is unsubscribed as soon as it arrived. */
function nextChange(
  discovery: DiscoveryClient,
  serviceId: string,
  changeType: ServiceChangeEvent['changeType'],
  timeoutMs = 30_000,
): Promise<ServiceChangeEvent> {
  return new Promise((resolve, reject) => {
    const subscription = discovery.watch(serviceId).subscribe({
      next: event => {
        if (event.changeType !== changeType) return;
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve(event);
      },
      error: reject,
    });
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`no '${changeType}' change of ${serviceId} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}
