import { ClientClosedError, toSdkLogger } from '@artemis/protocol';
import type { SdkLogger, Unsubscribe } from '@artemis/protocol';
import { Registry } from 'prom-client';

import { attachDiscovery } from './attach-discovery.js';
import { attachRegistry } from './attach-registry.js';
import { attachAddresses, attachHttp, attachSocket } from './attach-transports.js';
import { Attachment } from './attachment.js';
import { MetricLabels } from './labels.js';
import type { MetricSet } from './metric-set.js';
import { metricSetOn } from './metric-set.js';
import type { ArtemisMetricsOptions } from './options.js';
import { resolveMetricsOptions } from './options.js';
import type {
  AddressMetricsSource,
  DiscoveryMetricsSource,
  HttpMetricsSource,
  RegistryMetricsSource,
  SidedSocketSource,
  SocketMetricsSource,
} from './sources.js';

/** The components whose events feed the metrics; every one is optional. */
export interface MetricsSources {
  registry?: RegistryMetricsSource;
  discovery?: DiscoveryMetricsSource;
  http?: readonly HttpMetricsSource[];
  addresses?: readonly AddressMetricsSource[];
  /** Sockets, each either alone or with the side it serves when it does not name it itself. */
  sockets?: ReadonlyArray<SocketMetricsSource | SidedSocketSource>;
}

/** The SDK's Prometheus collectors on one registry. */
export interface ArtemisMetrics {
  /** The registry the metrics live on: the one given, or the private one created. */
  readonly registry: Registry;
  /** Starts feeding the metrics from `sources`; the returned function detaches them again. */
  attach(sources: MetricsSources): Unsubscribe;
  /** The registry's text exposition, for a `/metrics` endpoint. */
  metrics(): Promise<string>;
  /** The content type of {@link metrics}' text. */
  readonly contentType: string;
  /** Detaches every source. Idempotent; the metrics stay on the registry for a last scrape. */
  close(): void;
}

interface SharedMetrics {
  metrics: MetricSet;
  labels: MetricLabels;
}

/**
 * Metric sets already built, per registry and prefix. prom-client throws when a name is
 * registered twice, so a second `createArtemisMetrics` on the same registry takes these.
 */
const built = new WeakMap<Registry, Map<string, SharedMetrics>>();

/** Creates the SDK's Prometheus collectors; see the package README for every metric. */
export function createArtemisMetrics(options: ArtemisMetricsOptions = {}): ArtemisMetrics {
  const { prefix, maxServiceLabels } = resolveMetricsOptions(options);
  const registry = options.registry ?? new Registry();
  const logger = toSdkLogger(options.logger, 'metrics');

  let byPrefix = built.get(registry);
  if (!byPrefix) {
    byPrefix = new Map();
    built.set(registry, byPrefix);
  }
  let shared = byPrefix.get(prefix);
  if (!shared) {
    shared = {
      metrics: metricSetOn(registry, prefix),
      labels: new MetricLabels(maxServiceLabels, logger),
    };
    byPrefix.set(prefix, shared);
  }

  return new RegistryMetrics(registry, shared, logger);
}

class RegistryMetrics implements ArtemisMetrics {
  readonly registry: Registry;
  readonly #shared: SharedMetrics;
  readonly #logger: SdkLogger;
  readonly #attachments = new Set<Attachment>();
  #closed = false;

  constructor(registry: Registry, shared: SharedMetrics, logger: SdkLogger) {
    this.registry = registry;
    this.#shared = shared;
    this.#logger = logger;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  attach(sources: MetricsSources): Unsubscribe {
    if (this.#closed) throw new ClientClosedError('metrics');

    const attachment = new Attachment(this.#shared.metrics, this.#shared.labels, this.#logger);
    try {
      if (sources.registry) attachRegistry(attachment, sources.registry);
      if (sources.discovery) attachDiscovery(attachment, sources.discovery);
      for (const http of sources.http ?? []) attachHttp(attachment, http);
      for (const addresses of sources.addresses ?? []) attachAddresses(attachment, addresses);
      for (const entry of sources.sockets ?? []) {
        if ('socket' in entry) attachSocket(attachment, entry.socket, entry.side);
        else attachSocket(attachment, entry);
      }
    } catch (error) {
      // A source that failed half-way leaves nothing attached behind.
      attachment.dispose();
      throw error;
    }

    this.#attachments.add(attachment);
    return () => {
      this.#attachments.delete(attachment);
      attachment.dispose();
    };
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    if (this.#closed) return;

    this.#closed = true;
    for (const attachment of this.#attachments) attachment.dispose();
    this.#attachments.clear();
  }
}
