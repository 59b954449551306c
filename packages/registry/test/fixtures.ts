import { AddressManager } from '@artemis/address';
import type { ArtemisOptions } from '@artemis/config';
import { ConfigStore } from '@artemis/config';
import type { FilterInput } from '@artemis/filters';
import { ArtemisHttpClient } from '@artemis/http-retry';
import { REST_PATHS, WS_PATHS } from '@artemis/protocol';
import type { RegistrationInstance } from '@artemis/protocol';
import type { ArtemisEmulatorOptions, EmulatorFlavor, RecordedRequest } from '@artemis/testing';

import { createRegistryTransport, RegistryClient } from '../src/index';
import type { HealthCheck, RegistryEvents } from '../src/index';

/** Emulator settings that make leases lapse within a second, on both flavours. */
export const FAST_LEASES: ArtemisEmulatorOptions = {
  leaseTtlMs: 1_000,
  cleanIntervalMs: 50,
  sweepIntervalMs: 50,
};

/** Client settings for fast tests: beats every 100 ms, quick retries and short deadlines. */
export const FAST_CLIENT: ArtemisOptions = {
  regionId: 'test',
  zoneId: 'test-z1',
  heartbeatIntervalMs: 100,
  heartbeatTtlMs: 600,
  httpRetryIntervalMs: 5,
  httpRetryMaxDelayMs: 20,
  requestTimeoutMs: 1_000,
  connectTimeoutMs: 300,
  addressQuarantineMs: 2_000,
  shutdownTimeoutMs: 1_000,
};

export interface HarnessOptions {
  config?: ArtemisOptions;
  filters?: ReadonlyArray<FilterInput<RegistrationInstance>>;
  maxInstancesPerRequest?: number;
  healthCheck?: HealthCheck;
}

/** Every event of a registry client, in order, for assertions. */
export type RecordedEvent = {
  [K in keyof RegistryEvents]: { type: K; payload: RegistryEvents[K] };
}[keyof RegistryEvents];

const EVENT_NAMES: ReadonlyArray<keyof RegistryEvents> = [
  'registered',
  'heartbeat-acknowledged',
  'lease-lost',
  're-registered',
  're-registration-failed',
  'heartbeat-failed',
  'node-marked-down',
  'status-changed',
  'health-check-failed',
  'unregistered',
];

/**
 * A registry client wired as an application gets it: config store, registry-side address manager
 * in seed order, the retrying HTTP client and the transport the config asks for.
 */
export function startRegistry(
  serverUrls: readonly string[],
  flavor: EmulatorFlavor,
  options: HarnessOptions = {},
) {
  const config = new ConfigStore(
    { ...FAST_CLIENT, ...options.config, serverUrls: [...serverUrls] },
    {},
  );
  const addresses = new AddressManager({ side: 'registry', config, deterministicOrder: true });
  const http = new ArtemisHttpClient({ side: 'registry', addresses, config });
  const transport = createRegistryTransport({
    config,
    http,
    flavor,
    addresses,
    maxInstancesPerRequest: options.maxInstancesPerRequest,
  });
  const client = new RegistryClient({
    transport,
    config,
    addresses,
    filters: options.filters,
    healthCheck: options.healthCheck,
  });

  const events: RecordedEvent[] = [];
  for (const type of EVENT_NAMES) {
    client.events.on(type, payload => events.push({ type, payload } as RecordedEvent));
  }
  const eventsOf = <K extends keyof RegistryEvents>(type: K): Array<RegistryEvents[K]> =>
    events.filter(event => event.type === type).map(event => event.payload as RegistryEvents[K]);

  const close = async (): Promise<void> => {
    await client.close();
    await http.close();
    await addresses.close();
    config.close();
  };
  return { config, addresses, http, transport, client, events, eventsOf, close };
}

export type RegistryHarness = ReturnType<typeof startRegistry>;

let counter = 0;

/** A valid instance for the emulator's region and zone, with a unique id. */
export function instance(
  serviceId = 'demo.registry',
  extra: Partial<RegistrationInstance> = {},
): RegistrationInstance {
  counter += 1;
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId,
    instanceId: `node-${counter}`,
    ip: '127.0.0.1',
    port: 10_000 + counter,
    url: `http://127.0.0.1:${10_000 + counter}/app`,
    status: 'up',
    ...extra,
  };
}

/** `count` instances of one service. */
export function instances(count: number, serviceId = 'demo.registry'): RegistrationInstance[] {
  return Array.from({ length: count }, () => instance(serviceId));
}

type Logged = { readonly requests: readonly RecordedRequest[] };

/** Requests of one registry operation in a node's log. */
export function requestsOf(
  node: Logged,
  operation: 'register' | 'heartbeat' | 'unregister',
): RecordedRequest[] {
  return node.requests.filter(request => request.path.endsWith(REST_PATHS[operation]));
}

/** The instance ids a registry request carried, whichever body shape it used. */
export function idsIn(body: unknown): string[] {
  const value = body as { instances?: unknown; instanceKeys?: unknown } | undefined;
  const list = Array.isArray(value?.instances)
    ? value.instances
    : Array.isArray(value?.instanceKeys)
      ? value.instanceKeys
      : [];
  return list.map(entry => String((entry as { instanceId?: unknown }).instanceId));
}

/** Every instance id a node received in requests of `operation`, repeated ones included. */
export function idsSent(node: Logged, operation: 'register' | 'heartbeat' | 'unregister') {
  return requestsOf(node, operation).flatMap(request => idsIn(request.body));
}

/** Heartbeat frames a Java node received on its heartbeat socket. */
export function heartbeatFrames(node: {
  readonly frames: readonly { path: string; data: string }[];
}) {
  return node.frames.filter(frame => frame.path.endsWith(WS_PATHS.javaHeartbeat));
}

/** Instance ids stored on a node (or cluster store), sorted. */
export function storedIds(node: { instances(): Array<{ instanceId: string }> }): string[] {
  return node
    .instances()
    .map(stored => stored.instanceId)
    .sort();
}

export const idsOf = (list: readonly { instanceId: string }[]): string[] =>
  list.map(entry => entry.instanceId).sort();
