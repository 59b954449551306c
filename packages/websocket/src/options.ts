import type { AddressSide } from '@artemis/address';
import type { ArtemisConfig } from '@artemis/config';

/** The config fields the sockets read, each time they need one (so `ConfigStore.update` applies). */
export type WebSocketConfig = Pick<
  ArtemisConfig,
  | 'websocketPingIntervalMs'
  | 'websocketPingTimeoutMs'
  | 'websocketSessionTtlMs'
  | 'websocketConnectTimeoutMs'
  | 'websocketReconnectLimit'
  | 'websocketReconnectWindowMs'
  | 'requestTimeoutMs'
  | 'headers'
  | 'tls'
>;

/** Where the sockets read their tunables: a `ConfigStore` fits. */
export interface WebSocketConfigSource {
  readonly current: WebSocketConfig;
}

/** The part of an `AddressManager` the sockets use. */
export interface WebSocketAddressSource {
  current(): string;
  markDown(url: string, reason?: string): void;
  markUp(url: string): void;
}

/** Which half of the client a socket serves. */
export type SocketSide = AddressSide;
