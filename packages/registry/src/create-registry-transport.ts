import type { AddressManager } from '@artemis/address';
import type { ConfigStore } from '@artemis/config';
import type { ArtemisHttpClient } from '@artemis/http-retry';
import { toSdkLogger } from '@artemis/protocol';
import type { Logger } from '@artemis/protocol';
import { JavaHeartbeatSocket } from '@artemis/websocket';

import type { RegistryTransport } from './registry-transport.js';
import type { FlavorSource } from './transports/flavor-source.js';
import { HttpRegistryTransport } from './transports/http-registry-transport.js';
import { JavaSocketHeartbeatTransport } from './transports/java-socket-heartbeat-transport.js';

/** Options of {@link createRegistryTransport}. */
export interface CreateRegistryTransportOptions {
  /** `heartbeatTransport` picks HTTP or the Java heartbeat socket; the socket reads its tunables. */
  config: ConfigStore;
  /** The registry-side HTTP client. */
  http: Pick<ArtemisHttpClient, 'post'>;
  /** The server flavour, or a lazy detection of it. */
  flavor: FlavorSource;
  /** Registry-side addresses, needed to open the heartbeat socket. */
  addresses: AddressManager;
  logger?: Logger;
  /** Most instances per HTTP request. @default 500 */
  maxInstancesPerRequest?: number;
  /** Told of each heartbeat socket as it is opened, so metrics or logs can follow it. */
  onSocketOpened?: (socket: JavaHeartbeatSocket) => void;
}

/**
 * Builds the transport `config.heartbeatTransport` asks for: HTTP, or the Java heartbeat socket
 * (opened on the first Java heartbeat and closed with the transport) with HTTP for the rest.
 */
export function createRegistryTransport(
  options: CreateRegistryTransportOptions,
): RegistryTransport {
  const http = new HttpRegistryTransport({
    http: options.http,
    flavor: options.flavor,
    maxInstancesPerRequest: options.maxInstancesPerRequest,
  });
  if (options.config.current.heartbeatTransport !== 'websocket') return http;

  return new JavaSocketHeartbeatTransport({
    http,
    flavor: options.flavor,
    logger: toSdkLogger(options.logger, 'registry'),
    socket: () => {
      const socket = new JavaHeartbeatSocket({
        config: options.config,
        addresses: options.addresses,
        logger: options.logger,
      });
      options.onSocketOpened?.(socket);
      return socket;
    },
  });
}
