// Filters decide what discovery shows and which registered instances the server hears about.
import {
  byMetadata,
  byPredicate,
  byStatus,
  byZone,
  createArtemisClient,
  FilterChain,
} from '@artemis/client';
import type { Instance, RegistrationInstance } from '@artemis/client';

/** What each filter kept. */
export interface FiltersResult {
  /** A chain applied to a plain list, without any server. */
  chainKept: string[];
  /** What `getService` showed through the client's discovery filters. */
  discovered: string[];
  /** What a registry filter held back at `register`. */
  heldBack: string[];
}

export async function filtersExample(
  serverUrls: readonly string[],
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<FiltersResult> {
  // 1. A chain on its own: filters run in order; one that throws is skipped and reported.
  const chain = new FilterChain<Instance>([
    byStatus('up'),
    byZone(zoneId),
    byPredicate('not-draining', instance => instance.metadata?.['draining'] !== 'true'),
  ]);
  const chainKept = chain.apply([
    { serviceId: 'pay', instanceId: 'a', status: 'up', zoneId },
    { serviceId: 'pay', instanceId: 'b', status: 'down', zoneId },
    { serviceId: 'pay', instanceId: 'c', status: 'up', zoneId: 'elsewhere' },
    { serviceId: 'pay', instanceId: 'd', status: 'up', zoneId, metadata: { draining: 'true' } },
  ]);

  // 2. In a client. Discovery filters replace the default (only `up`), so keep byStatus('up').
  //    Registry filters run on every registration and heartbeat, never on unregister.
  const client = createArtemisClient({
    serverUrls,
    regionId,
    zoneId,
    discoveryFilters: new FilterChain<Instance>([byStatus('up'), byMetadata('version', '2')]),
    registryFilters: [
      byPredicate('not-canary', instance => instance.metadata?.['canary'] !== 'yes'),
    ],
  });

  try {
    const instance = (n: number, metadata: Record<string, string>): RegistrationInstance => ({
      regionId,
      zoneId,
      serviceId: 'payments',
      instanceId: `payments-${n}`,
      ip: '127.0.0.1',
      port: 6000 + n,
      url: `http://127.0.0.1:${6000 + n}`,
      status: 'up',
      metadata,
    });
    const { heldBack } = await client.registry.register([
      instance(1, { version: '1' }),
      instance(2, { version: '2' }),
      instance(3, { version: '2', canary: 'yes' }),
    ]);
    const service = await client.discovery.getService('payments');

    return {
      chainKept: chainKept.map(i => i.instanceId),
      discovered: service.instances.map(i => i.instanceId).sort(),
      heldBack: heldBack.map(i => i.instanceId),
    };
  } finally {
    await client.close();
  }
}
