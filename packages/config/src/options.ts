import type { Buffer } from 'node:buffer';

/** Which server line to speak: Java, Rust, or find out from the server (`'auto'`). */
export type FlavorSetting = 'java' | 'rust' | 'auto';

/** How heartbeats travel: one HTTP request per beat, or over the registry WebSocket. */
export type HeartbeatTransport = 'http' | 'websocket';

/** TLS material for https and wss servers. PEM strings or Buffers. */
export interface TlsOptions {
  /** Certificate authorities to trust instead of the system ones (PEM). @default system CAs */
  ca?: string | Buffer;
  /** Client certificate for mutual TLS (PEM). @default none */
  cert?: string | Buffer;
  /** Private key of the client certificate (PEM). @default none */
  key?: string | Buffer;
  /** Reject servers whose certificate does not verify. Turn off only in tests. @default true */
  rejectUnauthorized?: boolean;
}

/**
 * Everything a caller may set. Every field is optional: each has a default, except `serverUrls`,
 * which must come from here or from `ARTEMIS_SERVER_URLS`. Durations are milliseconds and their
 * names end in `Ms`; an option left `undefined` counts as not set.
 */
export interface ArtemisOptions {
  /**
   * Seed URLs of the Artemis servers: http or https, optionally with a context path
   * (`http://host:8080/artemis`) and `user:password@`. Trailing slashes are removed. Required,
   * here or in `ARTEMIS_SERVER_URLS` (comma-separated); at least one.
   */
  serverUrls?: readonly string[];
  /** Region of this application, sent in instances and discovery requests. Env `ARTEMIS_REGION_ID`. @default 'default' */
  regionId?: string;
  /** Zone of this application, sent in instances and discovery requests. Env `ARTEMIS_ZONE_ID`. @default 'default' */
  zoneId?: string;
  /** Server line to speak. `'auto'` detects it from the server. Env `ARTEMIS_FLAVOR`. @default 'auto' */
  flavor?: FlavorSetting;

  /** Time between two heartbeat batches, in ms. @default 5000 */
  heartbeatIntervalMs?: number;
  /**
   * Time without an acknowledged heartbeat after which the lease counts as lost (the server is
   * marked down and the instances are registered again), in ms. At least 3 × `heartbeatIntervalMs`.
   * @default 20000, or 3 × `heartbeatIntervalMs` when that is larger
   */
  heartbeatTtlMs?: number;
  /** How heartbeats are sent. @default 'http' */
  heartbeatTransport?: HeartbeatTransport;

  /** Attempts per HTTP call, the first one included; 1 to 10. @default 5 */
  httpRetryCount?: number;
  /** Base delay of the jittered exponential backoff between attempts, in ms; 0 or more. @default 100 */
  httpRetryIntervalMs?: number;
  /** Cap of the backoff delay, in ms; at least `httpRetryIntervalMs`. @default 5000 */
  httpRetryMaxDelayMs?: number;
  /** Deadline of one HTTP attempt, from sending to the whole reply, in ms. @default 5000 */
  requestTimeoutMs?: number;
  /** Deadline for opening a TCP (and TLS) connection, in ms. @default 2000 */
  connectTimeoutMs?: number;

  /** Time between two liveness pings on a WebSocket, in ms; 5000 to 300000. @default 30000 */
  websocketPingIntervalMs?: number;
  /** Time to wait for the pong before the socket counts as dead, in ms; at most `websocketPingIntervalMs`. @default 5000 */
  websocketPingTimeoutMs?: number;
  /** Maximum age of a WebSocket session before it is replaced on purpose, in ms. @default 300000 */
  websocketSessionTtlMs?: number;
  /** Deadline of the WebSocket handshake, in ms. @default 5000 */
  websocketConnectTimeoutMs?: number;
  /** Reconnects allowed per `websocketReconnectWindowMs`; a whole number, 1 or more. @default 5 */
  websocketReconnectLimit?: number;
  /** Window over which `websocketReconnectLimit` is counted, in ms. @default 20000 */
  websocketReconnectWindowMs?: number;

  /** Age after which a cached service is reloaded in full, in ms; at least 60000. @default 900000 */
  discoveryCacheTtlMs?: number;
  /** Period of the reload of services whose last lookup failed or came back empty, in ms. @default 60000 */
  discoveryReloadIntervalMs?: number;
  /** Period of the full poll used when the server cannot push changes, in ms. @default 30000 */
  discoveryPollIntervalMs?: number;

  /** Period of the server-list refresh from the cluster's up-nodes API, in ms. @default 300000 */
  addressRefreshIntervalMs?: number;
  /** Time a failed server stays out of the rotation, in ms; 0 or more. @default 30000 */
  addressQuarantineMs?: number;
  /** Time after which the client re-balances onto a freshly drawn server, in ms. @default 3600000 */
  addressTtlMs?: number;

  /** Deadline for a graceful close (unregister, then close sockets), in ms. @default 5000 */
  shutdownTimeoutMs?: number;
  /**
   * Time the registry waits after unregistering on close, before it stops, in ms; 0 or more.
   * Consumers drop the instances at their next push or poll, while the application still
   * serves the requests they send meanwhile. @default 0
   */
  shutdownDrainMs?: number;
  /** Feed the metrics collectors. @default false */
  metrics?: boolean;
  /** Extra HTTP headers sent with every request and WebSocket handshake. @default {} */
  headers?: Readonly<Record<string, string>>;
  /** TLS settings for https and wss servers. @default none (Node's defaults) */
  tls?: TlsOptions;
}

/** The TLS settings of a resolved config: `rejectUnauthorized` always set. */
export interface ResolvedTlsOptions {
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly rejectUnauthorized: boolean;
}

/**
 * A resolved configuration: every default applied, every rule checked, deeply frozen. Produced
 * by `resolveConfig` and `ConfigStore`; the field documentation is on `ArtemisOptions`.
 */
export interface ArtemisConfig extends Readonly<
  Required<Omit<ArtemisOptions, 'serverUrls' | 'headers' | 'tls'>>
> {
  /** Normalised server URLs (no trailing '/'); at least one. */
  readonly serverUrls: readonly string[];
  /** Extra HTTP headers; `{}` when none. */
  readonly headers: Readonly<Record<string, string>>;
  /** TLS settings; absent when none were given. */
  readonly tls?: ResolvedTlsOptions;
}
