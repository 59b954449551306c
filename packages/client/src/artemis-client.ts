import type { AddressManager } from '@artemis/address';
import type { ConfigStore } from '@artemis/config';
import type { DiscoveryClient } from '@artemis/discovery';
import type { ArtemisHttpClient } from '@artemis/http-retry';
import type { ArtemisMetrics } from '@artemis/metrics';
import type { Flavor, SdkLogger, TypedEvents } from '@artemis/protocol';
import { ClientClosedError } from '@artemis/protocol';
import type { RegistryClient } from '@artemis/registry';

import type { ArtemisClientEvents } from './client-options.js';
import type { FlavorProbe } from './flavor-probe.js';

/** The pieces `createArtemisClient` wires together; the client owns and closes all of them. */
export interface ClientParts {
  config: ConfigStore;
  registry: RegistryClient;
  discovery: DiscoveryClient;
  metrics: ArtemisMetrics | undefined;
  http: readonly ArtemisHttpClient[];
  addresses: readonly AddressManager[];
  probe: FlavorProbe;
  events: TypedEvents<ArtemisClientEvents>;
  logger: SdkLogger;
}

/**
 * A client of one Artemis cluster: `registry` keeps this application's instances registered,
 * `discovery` answers which instances other services have. Create it with `createArtemisClient`.
 */
export class ArtemisClient implements AsyncDisposable {
  /** Registration and heartbeats of this application's instances. */
  readonly registry: RegistryClient;
  /** The service cache: lookups, batches and change streams. */
  readonly discovery: DiscoveryClient;
  /** The live configuration: `config.update({...})` changes tunables without a restart. */
  readonly config: ConfigStore;
  /** The Prometheus collectors, when the `metrics` option is on. */
  readonly metrics: ArtemisMetrics | undefined;
  /** Flavour resolution and close, for logs. */
  readonly events: TypedEvents<ArtemisClientEvents>;

  readonly #parts: ClientParts;
  #closing: Promise<void> | undefined;

  constructor(parts: ClientParts) {
    this.#parts = parts;
    this.registry = parts.registry;
    this.discovery = parts.discovery;
    this.config = parts.config;
    this.metrics = parts.metrics;
    this.events = parts.events;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /**
   * The server line of the cluster: the configured one, or the one a probe finds with
   * `flavor: 'auto'` (the probe runs once and is shared).
   *
   * @throws FlavorDetectionError when no node could tell; a later call probes again.
   * @throws ClientClosedError after `close()`.
   */
  async flavor(): Promise<Flavor> {
    if (this.closed) throw new ClientClosedError('Artemis client');
    return this.#parts.probe.resolve();
  }

  /**
   * Unregisters every instance this client registered, within `shutdownTimeoutMs`, waits
   * `shutdownDrainMs` when it is set (discovery keeps answering meanwhile), then stops every timer
   * and closes every socket and connection. Idempotent: every call returns the same
   * promise, which never rejects; what failed to close is logged and reported in `closed`.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #shutDown(): Promise<void> {
    const { registry, discovery, metrics, http, addresses, config, logger } = this.#parts;
    const errors: unknown[] = [];
    const settle = async (what: string, closing: Promise<unknown>): Promise<void> => {
      try {
        await closing;
      } catch (error) {
        errors.push(error);
        logger.warn(`Closing the ${what} failed`, { error });
      }
    };

    // Unregister first, while the HTTP clients and addresses are still open. Discovery stays
    // open through the registry's drain: the application may still call other services then.
    await settle('registry', registry.close());
    await settle('discovery', discovery.close());
    metrics?.close();
    await Promise.all(http.map(client => settle('HTTP client', client.close())));
    await Promise.all(addresses.map(manager => settle('address manager', manager.close())));
    config.close();

    this.events.emit('closed', { errors });
  }
}
