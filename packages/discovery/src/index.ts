export { DiscoveryClient } from './discovery-client.js';
export type {
  CallOptions,
  DiscoveryClientOptions,
  InstanceFilterChain,
} from './discovery-client.js';
export type { ChangeSource, DiscoveryTransport } from './ports.js';
export { DiscoveryRejectedError, InvalidServiceIdError, PartialLookupError } from './errors.js';
export type { ServiceIdOrConfig } from './service-config.js';
export type {
  CacheInfo,
  DiscoveryConfigSource,
  DiscoveryEvents,
  DiscoveryTimings,
  ServiceChangeEvent,
  ServiceChangeListener,
} from './types.js';
