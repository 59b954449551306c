import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import type { ArtemisOptions } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { Flavor } from '@artemis/protocol';
import type { ArtemisEmulator, EmulatorInstance } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import { createChangeSource, createDiscoveryTransport, DiscoveryClient } from '../src/index';
import type { DiscoveryEvents, SnapshotOptions, SocketChangeSource } from '../src/index';

/** Short intervals and fast retries, so polls and recoveries happen within a test. */
export const FAST: ArtemisOptions = {
  regionId: 'test',
  zoneId: 'test-z1',
  discoveryPollIntervalMs: 150,
  discoveryReloadIntervalMs: 150,
  httpRetryCount: 2,
  httpRetryIntervalMs: 5,
  httpRetryMaxDelayMs: 20,
  requestTimeoutMs: 1_000,
  connectTimeoutMs: 500,
  shutdownTimeoutMs: 500,
  addressQuarantineMs: 50,
  websocketReconnectLimit: 1_000,
};

export interface RigOptions {
  /** The emulator to talk to; a new one of `flavor` by default. */
  emulator?: ArtemisEmulator;
  /** More server URLs after the emulator's. */
  urls?: string[];
  options?: ArtemisOptions;
  idleCloseMs?: number;
  snapshot?: SnapshotOptions;
}

/** Everything a discovery client needs, wired as the umbrella client wires it, plus its logs. */
export interface Rig {
  flavor: Flavor;
  emulator: ArtemisEmulator;
  config: ConfigStore;
  addresses: AddressManager;
  http: ArtemisHttpClient;
  changeSource: SocketChangeSource;
  client: DiscoveryClient;
  /** Every discovery event, in order. */
  log: { [K in keyof DiscoveryEvents]: DiscoveryEvents[K][] };
  close(): Promise<void>;
}

/** A discovery client of `flavor` against an emulator on loopback. */
export async function startRig(flavor: Flavor, rigOptions: RigOptions = {}): Promise<Rig> {
  const emulator =
    rigOptions.emulator ?? (await startArtemisEmulator({ flavor, leaseTtlMs: 600_000 }));
  const config = new ConfigStore(
    {
      ...FAST,
      ...rigOptions.options,
      serverUrls: [emulator.url, ...(rigOptions.urls ?? [])],
    },
    {},
  );
  const addresses = new AddressManager({ side: 'discovery', config, deterministicOrder: true });
  const http = new ArtemisHttpClient({ side: 'discovery', addresses, config });
  const changeSource = createChangeSource({
    config,
    addresses,
    flavor,
    idleCloseMs: rigOptions.idleCloseMs ?? 60_000,
    socket: { reconnectDelayMs: 20, reconnectMaxDelayMs: 200 },
  });
  const client = new DiscoveryClient({
    transport: createDiscoveryTransport({ config, http, flavor }),
    changeSource,
    config,
    ...(rigOptions.snapshot ? { snapshot: rigOptions.snapshot } : {}),
  });

  const log = {
    change: [],
    'refresh-failed': [],
    refreshed: [],
    'push-dropped': [],
    restored: [],
    'snapshot-failed': [],
    'listener-error': [],
  } as Rig['log'];
  for (const event of Object.keys(log) as (keyof DiscoveryEvents)[]) {
    client.events.on(event, payload => (log[event] as unknown[]).push(payload));
  }

  const close = async (): Promise<void> => {
    await client.close();
    await http.close();
    await addresses.close();
    config.close();
    if (!rigOptions.emulator) await emulator.close();
  };
  return { flavor, emulator, config, addresses, http, changeSource, client, log, close };
}

let counter = 0;

/** A fresh instance of `serviceId` for the emulator's region and zone. */
export function instanceOf(
  serviceId: string,
  extra: Partial<EmulatorInstance> = {},
): EmulatorInstance {
  counter += 1;
  return {
    serviceId,
    instanceId: `i-${counter}`,
    ip: '127.0.0.1',
    port: 10_000 + counter,
    url: `http://127.0.0.1:${10_000 + counter}/`,
    status: 'up',
    ...extra,
  };
}

/** Discovery requests the emulator received: service.json and lookup.json. */
export function discoveryRequests(emulator: ArtemisEmulator, kind: 'service' | 'lookup') {
  const suffix = kind === 'service' ? 'api/discovery/service.json' : 'api/discovery/lookup.json';
  return emulator.requests.filter(request => request.path.endsWith(suffix));
}

/** Subscription frames the emulator received on the change socket of its flavour. */
export function subscriptionFrames(emulator: ArtemisEmulator, serviceId: string) {
  const frames = emulator.frames.map(frame => {
    try {
      return JSON.parse(frame.data) as Record<string, unknown>;
    } catch {
      return {};
    }
  });
  if (emulator.flavor === 'java') {
    return {
      subscribe: frames.filter(frame => frame['serviceId'] === serviceId).length,
      unsubscribe: 0,
    };
  }
  const count = (type: string) =>
    frames.filter(frame => frame['type'] === type && frame['service_id'] === serviceId).length;
  return { subscribe: count('subscribe'), unsubscribe: count('unsubscribe') };
}

/**
 * Waits until every discovery request the emulator answered has been taken in by the client, so
 * that a test starts from a quiet cache.
 */
export async function settle(rig: Rig): Promise<void> {
  await waitFor(() => {
    const sent =
      discoveryRequests(rig.emulator, 'service').length +
      discoveryRequests(rig.emulator, 'lookup').length;
    const handled = rig.log.refreshed.length + rig.log['refresh-failed'].length;
    return handled >= sent;
  }, 10_000);
}
