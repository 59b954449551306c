// @artemis/http-retry on its own: JSON POSTs with retries, backoff and failover, every failure a
// typed error with a stable code.
import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { RequestOutcome } from '@artemis/http-retry';
import { buildServicesRequest, parseServicesReply, REST_PATHS } from '@artemis/protocol';

export interface HttpRetryResult {
  classification: string;
  attempts: number;
  outcomes: RequestOutcome[];
}

/** Lists every service. `serverUrls` may start with nodes that are down: calls move past them. */
export async function httpRetryExample(
  serverUrls: readonly string[],
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<HttpRetryResult> {
  const config = new ConfigStore({ serverUrls, regionId, zoneId, httpRetryIntervalMs: 10 });
  const addresses = new AddressManager({ side: 'discovery', config, deterministicOrder: true });
  const http = new ArtemisHttpClient({ side: 'discovery', addresses, config });
  const outcomes: RequestOutcome[] = [];
  http.events.on('request', ({ outcome }) => outcomes.push(outcome));

  try {
    const result = await http.post(
      REST_PATHS.services,
      buildServicesRequest({ regionId, zoneId }),
      { operation: 'services', parse: parseServicesReply, signal: AbortSignal.timeout(10_000) },
    );
    return { classification: result.classification.kind, attempts: result.attempts, outcomes };
  } finally {
    await http.close();
    await addresses.close();
    config.close();
  }
}
