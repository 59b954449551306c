import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { createDiscoveryClient, fileSnapshotStore } from '@artemis/discovery';
import { ArtemisHttpClient } from '@artemis/http-retry';
import { createArtemisMetrics } from '@artemis/metrics';
import { toSdkLogger, TypedEvents } from '@artemis/protocol';
import type { Flavor } from '@artemis/protocol';
import { createRegistryTransport, RegistryClient } from '@artemis/registry';

import { ArtemisClient } from './artemis-client.js';
import type { ArtemisClientEvents, ArtemisClientOptions } from './client-options.js';
import { detectFlavor } from './detect-flavor.js';
import { FlavorProbe } from './flavor-probe.js';
import { followSockets } from './follow-sockets.js';

/**
 * Creates a client of one Artemis cluster, with everything wired: validated options, an address
 * list with failover per side, HTTP and WebSocket transports, the registry, the discovery cache and,
 * when `metrics` is on, Prometheus collectors. Nothing goes on the network until it is needed,
 * except the periodic refresh of the server list.
 *
 * @throws ConfigError naming every bad option; nothing is started then.
 */
export function createArtemisClient(options: ArtemisClientOptions): ArtemisClient {
  const {
    logger,
    env,
    registryFilters,
    healthCheck,
    discoveryFilters,
    discoverySnapshotFile,
    metricsOptions,
    ...artemisOptions
  } = options;
  const config = new ConfigStore(artemisOptions, env ?? process.env);
  const sdkLogger = toSdkLogger(logger, 'client');
  const events = new TypedEvents<ArtemisClientEvents>(
    (error, event) => sdkLogger.warn('An Artemis client listener threw', { event, error }),
    { diagnostics: 'client' },
  );

  // One address list and one HTTP client per side: registry and discovery fail over separately.
  const registryAddresses = new AddressManager({ side: 'registry', config, logger });
  const discoveryAddresses = new AddressManager({ side: 'discovery', config, logger });
  const registryHttp = new ArtemisHttpClient({
    side: 'registry',
    addresses: registryAddresses,
    config,
    logger,
  });
  const discoveryHttp = new ArtemisHttpClient({
    side: 'discovery',
    addresses: discoveryAddresses,
    config,
    logger,
  });

  const probe = new FlavorProbe(
    config.current.flavor,
    () => detectFlavor(registryHttp, registryAddresses),
    (flavor, detected) => {
      sdkLogger.info('Artemis server flavour detected', { flavor, url: detected?.url });
      events.emit('flavor-resolved', { flavor, detected: true, url: detected?.url });
    },
  );
  const flavor = (): Promise<Flavor> => probe.resolve();
  const metrics = config.current.metrics
    ? createArtemisMetrics({ ...metricsOptions, logger })
    : undefined;

  const registry = new RegistryClient({
    transport: createRegistryTransport({
      config,
      http: registryHttp,
      flavor: probe.known ?? flavor,
      addresses: registryAddresses,
      logger,
      onSocketOpened: followSockets(metrics, 'registry'),
    }),
    config,
    addresses: registryAddresses,
    filters: registryFilters,
    healthCheck,
    logger,
  });

  const discovery = createDiscoveryClient({
    config,
    http: discoveryHttp,
    addresses: discoveryAddresses,
    flavor: probe.known ?? flavor,
    filters: discoveryFilters,
    logger,
    onSocketOpened: followSockets(metrics, 'discovery'),
    ...(discoverySnapshotFile === undefined
      ? {}
      : { snapshot: { store: fileSnapshotStore(discoverySnapshotFile) } }),
  });

  metrics?.attach({
    registry,
    discovery,
    http: [registryHttp, discoveryHttp],
    addresses: [registryAddresses, discoveryAddresses],
  });

  registryAddresses.start();
  discoveryAddresses.start();

  return new ArtemisClient({
    config,
    registry,
    discovery,
    metrics,
    http: [registryHttp, discoveryHttp],
    addresses: [registryAddresses, discoveryAddresses],
    probe,
    events,
    logger: sdkLogger,
  });
}
