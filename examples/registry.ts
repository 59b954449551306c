// @artemis/registry on its own: register once, stay registered through restarts and lost leases.
import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { Flavor } from '@artemis/protocol';
import { createRegistryTransport, RegistryClient } from '@artemis/registry';

export interface RegistryResult {
  registered: string[];
  acknowledgedCount: number;
  kept: string[];
}

export async function registryExample(
  serverUrls: readonly string[],
  flavor: Flavor,
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<RegistryResult> {
  const config = new ConfigStore({ serverUrls, regionId, zoneId, heartbeatIntervalMs: 200 });
  const addresses = new AddressManager({ side: 'registry', config });
  const http = new ArtemisHttpClient({ side: 'registry', addresses, config });
  const transport = createRegistryTransport({ config, http, addresses, flavor });
  const registry = new RegistryClient({ transport, config, addresses });

  try {
    const acknowledged = new Promise<number>(resolve => {
      const stop = registry.events.on('heartbeat-acknowledged', ({ count }) => {
        stop();
        resolve(count);
      });
    });
    const { registered } = await registry.register([
      {
        regionId,
        zoneId,
        serviceId: 'search',
        instanceId: 'search-1',
        ip: '127.0.0.1',
        port: 3001,
        url: 'http://127.0.0.1:3001',
        status: 'up',
      },
    ]);

    return {
      registered: registered.map(i => i.instanceId),
      acknowledgedCount: await acknowledged,
      kept: registry.registered().map(i => i.instanceId),
    };
  } finally {
    // Unregisters within shutdownTimeoutMs, then stops; the caller closes what it created.
    await registry.close();
    await http.close();
    await addresses.close();
    config.close();
  }
}
