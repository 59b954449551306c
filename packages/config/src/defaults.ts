import type { ArtemisConfig } from './options.js';

/** The default of every option that has one. README.md explains where each departs from Java. */
export const CONFIG_DEFAULTS = Object.freeze({
  regionId: 'default',
  zoneId: 'default',
  flavor: 'auto',
  heartbeatIntervalMs: 5_000,
  heartbeatTtlMs: 20_000,
  heartbeatTransport: 'http',
  httpRetryCount: 5,
  httpRetryIntervalMs: 100,
  httpRetryMaxDelayMs: 5_000,
  requestTimeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  websocketPingIntervalMs: 30_000,
  websocketPingTimeoutMs: 5_000,
  websocketSessionTtlMs: 300_000,
  websocketConnectTimeoutMs: 5_000,
  websocketReconnectLimit: 5,
  websocketReconnectWindowMs: 20_000,
  discoveryCacheTtlMs: 900_000,
  discoveryReloadIntervalMs: 60_000,
  discoveryPollIntervalMs: 30_000,
  addressRefreshIntervalMs: 300_000,
  addressQuarantineMs: 30_000,
  addressTtlMs: 3_600_000,
  shutdownTimeoutMs: 5_000,
  shutdownDrainMs: 0,
  metrics: false,
  headers: Object.freeze({}),
} satisfies Omit<ArtemisConfig, 'serverUrls' | 'tls'>);

/** Longest delay a Node timer can hold (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
