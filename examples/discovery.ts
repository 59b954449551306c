// @artemis/discovery on its own: a service cache that answers from memory and stays right.
import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { createDiscoveryClient } from '@artemis/discovery';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { Flavor } from '@artemis/protocol';

export interface DiscoveryResult {
  instances: string[];
  ready: boolean;
  stale: boolean;
  sameObjectFromCache: boolean;
  emptyServiceInstances: number;
}

/** Expects `catalog` to have instances on the server. */
export async function discoveryExample(
  serverUrls: readonly string[],
  flavor: Flavor,
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<DiscoveryResult> {
  const config = new ConfigStore({ serverUrls, regionId, zoneId });
  const addresses = new AddressManager({ side: 'discovery', config });
  const http = new ArtemisHttpClient({ side: 'discovery', addresses, config });
  const discovery = createDiscoveryClient({ config, addresses, http, flavor });

  try {
    // Readiness: resolves once the service has been fetched, retrying meanwhile.
    const first = await discovery.waitForService('catalog');
    const again = await discovery.getService('CATALOG'); // cache keys ignore case
    const info = discovery.cacheInfo('catalog');

    // "No instances" is never an error, whatever the server line says.
    const unknown = await discovery.getService('no-such-service');

    return {
      instances: first.instances.map(i => i.instanceId).sort(),
      ready: info?.ready ?? false,
      stale: info?.stale ?? true,
      sameObjectFromCache: first === again,
      emptyServiceInstances: unknown.instances.length,
    };
  } finally {
    await discovery.close();
    await http.close();
    await addresses.close();
    config.close();
  }
}
