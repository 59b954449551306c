export { createArtemisMetrics } from './artemis-metrics.js';
export type { ArtemisMetrics, MetricsSources } from './artemis-metrics.js';
export { InvalidMetricsOptionsError, MetricConflictError } from './errors.js';
export { OTHER_LABEL } from './bounded-label.js';
export type { ArtemisMetricsOptions } from './options.js';
export type {
  AddressMetricsSource,
  AddressSourceEvents,
  AddressStateLike,
  CacheInfoLike,
  CachedServiceLike,
  DiscoveryMetricsSource,
  DiscoverySourceEvents,
  EventSubscriber,
  FrameStream,
  HttpMetricsSource,
  HttpSourceEvents,
  RegistryMetricsSource,
  RegistrySourceEvents,
  SidedSocketSource,
  SocketMetricsSource,
  SocketSourceEvents,
} from './sources.js';
