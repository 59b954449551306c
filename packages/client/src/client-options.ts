import type { ArtemisEnv, ArtemisOptions } from '@artemis/config';
import type { DiscoveryClientOptions } from '@artemis/discovery';
import type { ArtemisMetricsOptions } from '@artemis/metrics';
import type { Flavor, Logger } from '@artemis/protocol';
import type { RegistryClientOptions } from '@artemis/registry';

/**
 * Options of `createArtemisClient`: every option of `@artemis/config` (see its README for units
 * and defaults), plus what cannot live in a plain config object.
 */
export interface ArtemisClientOptions extends ArtemisOptions {
  /** Where the client logs; pino and console both fit. @default silent */
  logger?: Logger;
  /** Environment read for `ARTEMIS_*` variables. @default process.env */
  env?: ArtemisEnv;
  /**
   * Registry filters, run on every heartbeat batch and registration, never on unregister.
   * @default none
   */
  registryFilters?: RegistryClientOptions['filters'];
  /**
   * Makes registered statuses follow the application's health: asked before each heartbeat for
   * each instance's status; a changed one is registered at that beat. @default none
   */
  healthCheck?: RegistryClientOptions['healthCheck'];
  /**
   * The client's discovery filters, applied on top of what the server returns.
   * @default only instances whose status is `up`
   */
  discoveryFilters?: DiscoveryClientOptions['filters'];
  /**
   * A file where the discovery cache is kept between runs: a run that starts while no server
   * answers is served the services the last run knew, reported stale, until a fetch succeeds.
   * @default none
   */
  discoverySnapshotFile?: string;
  /**
   * Where the metrics go when `metrics` is on: a prom-client registry and a name prefix. Never the
   * global registry unless it is passed here. @default a private registry, prefix `artemis_client_`
   */
  metricsOptions?: Omit<ArtemisMetricsOptions, 'logger'>;
}

/** Events of an `ArtemisClient`. */
export interface ArtemisClientEvents {
  /** The server line is known: detected by a probe (`flavor: 'auto'`) or configured. */
  'flavor-resolved': { flavor: Flavor; detected: boolean; url?: string };
  /** `close()` finished; `errors` lists what failed to close cleanly. */
  closed: { errors: unknown[] };
}
