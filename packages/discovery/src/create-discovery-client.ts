import type { NamedFilter } from '@artemis/filters';
import type { ArtemisHttpClient } from '@artemis/http-retry';
import type { Clock, Flavor, Logger, RequestContext } from '@artemis/protocol';
import { JavaInstanceChangeSocket, RustChangeSocket } from '@artemis/websocket';
import type {
  ChangeSocket,
  ChangeSocketOptions,
  WebSocketAddressSource,
  WebSocketConfig,
} from '@artemis/websocket';

import { SocketChangeSource } from './change-source/socket-change-source.js';
import { DiscoveryClient } from './discovery-client.js';
import type { InstanceFilterChain } from './discovery-client.js';
import type { SnapshotOptions } from './snapshot/snapshot-keeper.js';
import { HttpDiscoveryTransport } from './transport/http-discovery-transport.js';
import { shareFlavor } from './transport/flavor-source.js';
import type { DiscoveryFlavorSource } from './transport/flavor-source.js';
import type { DiscoveryTimings } from './types.js';

/** The config a discovery client reads: a `ConfigStore` fits. */
export interface DiscoveryConfigStore {
  readonly current: DiscoveryTimings & RequestContext & WebSocketConfig;
}

/** Options of {@link createDiscoveryTransport}. */
export interface CreateDiscoveryTransportOptions {
  /** Where the region and zone sent with each request are read: a `ConfigStore`. */
  config: { readonly current: RequestContext };
  /** The discovery-side HTTP client. */
  http: Pick<ArtemisHttpClient, 'post'>;
  /** `'java'`, `'rust'`, or a lazy detection of the flavour. */
  flavor: DiscoveryFlavorSource;
}

/** Options of {@link createChangeSource}. */
export interface CreateChangeSourceOptions {
  /** WebSocket tunables (ping, session age, reconnect budget): a `ConfigStore`. */
  config: { readonly current: WebSocketConfig };
  /** The discovery-side addresses (an `AddressManager`); a dead socket marks its node down. */
  addresses: WebSocketAddressSource;
  /** `'java'`, `'rust'`, or a lazy detection of the flavour. */
  flavor: DiscoveryFlavorSource;
  logger?: Logger;
  /** A socket left with no subscription closes after this many ms. @default 60000 */
  idleCloseMs?: number;
  /**
   * Told of each change socket as it is opened (one at a time; another after an idle close), so
   * that metrics or logs can follow it. @default none
   */
  onSocketOpened?: (socket: ChangeSocket) => void;
  /** Finer socket settings, such as reconnect delays. @default the socket's own defaults */
  socket?: Partial<Omit<ChangeSocketOptions, 'config' | 'addresses'>>;
  clock?: Clock;
}

/** Options of {@link createDiscoveryClient}. */
export interface CreateDiscoveryClientOptions
  extends
    Omit<CreateDiscoveryTransportOptions, 'config'>,
    Omit<CreateChangeSourceOptions, 'config'> {
  /** Tunables, region and zone: the client's `ConfigStore`. */
  config: DiscoveryConfigStore;
  /**
   * The client's discovery filters, on top of what the server returns.
   * @default only instances whose status is `up`
   */
  filters?: InstanceFilterChain | readonly NamedFilter[];
  /** Listen for pushed changes over a WebSocket. When false, everything is polled. @default true */
  push?: boolean;
  /** Keep a snapshot of the cache for a start while no server answers. @default none */
  snapshot?: SnapshotOptions;
}

/** The HTTP transport of a flavour: `service.json`, and for batches `lookup.json` on Java. */
export function createDiscoveryTransport(
  options: CreateDiscoveryTransportOptions,
): HttpDiscoveryTransport {
  return new HttpDiscoveryTransport({
    http: options.http,
    context: options.config,
    flavor: options.flavor,
  });
}

/** The push source of a flavour: Java's instance-change socket, or Rust's `/ws`. */
export function createChangeSource(options: CreateChangeSourceOptions): SocketChangeSource {
  const socketOptions: ChangeSocketOptions = {
    ...options.socket,
    config: options.config,
    addresses: options.addresses,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const openSocket = (flavor: Flavor): ChangeSocket => {
    const socket =
      flavor === 'java'
        ? new JavaInstanceChangeSocket(socketOptions)
        : new RustChangeSocket(socketOptions);
    options.onSocketOpened?.(socket);
    return socket;
  };

  return new SocketChangeSource({
    flavor: options.flavor,
    openSocket,
    ...(options.idleCloseMs === undefined ? {} : { idleCloseMs: options.idleCloseMs }),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/**
 * A discovery client wired for a flavour: HTTP lookups through `http`, pushes over the
 * discovery WebSocket of `addresses`, tunables from `config`. Closing the client closes its
 * socket; `http` and `addresses` stay the caller's to close.
 */
export function createDiscoveryClient(options: CreateDiscoveryClientOptions): DiscoveryClient {
  const shared = { ...options, flavor: shareFlavor(options.flavor) };
  const transport = createDiscoveryTransport(shared);
  const changeSource = options.push === false ? undefined : createChangeSource(shared);

  return new DiscoveryClient({
    transport,
    config: options.config,
    ...(changeSource ? { changeSource } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
  });
}
