// @artemis/address on its own: the server list of one side, refreshed from the cluster, with
// per-address health. The HTTP and WebSocket packages take their addresses from it.
import { AddressManager } from '@artemis/address';
import type { RefreshResult } from '@artemis/address';
import { ConfigStore } from '@artemis/config';

export interface AddressResult {
  refresh: RefreshResult['kind'];
  urls: string[];
  downEvents: number;
  currentAfterMarkDown: string;
}

/**
 * A Java cluster lists its nodes (`updated`); a Rust server has no such API and the seeds stay
 * (`fallback`). `unreachableUrl` is a seed that answers nothing, to show a quarantine.
 */
export async function addressExample(
  serverUrl: string,
  unreachableUrl: string,
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<AddressResult> {
  const config = new ConfigStore({ serverUrls: [unreachableUrl, serverUrl], regionId, zoneId });
  // deterministicOrder starts at the first seed; without it every client starts at random.
  const addresses = new AddressManager({ side: 'discovery', config, deterministicOrder: true });
  let downEvents = 0;
  addresses.events.on('address-down', () => downEvents++);

  try {
    // What a call does when the first address fails: quarantine it and move on.
    addresses.markDown(addresses.current(), 'connection refused');
    const currentAfterMarkDown = addresses.current();

    // start() would do this every addressRefreshIntervalMs; here it runs once.
    const refresh = await addresses.refresh();

    return {
      refresh: refresh.kind,
      urls: addresses.snapshot().map(state => state.url),
      downEvents,
      currentAfterMarkDown,
    };
  } finally {
    await addresses.close();
    config.close();
  }
}
