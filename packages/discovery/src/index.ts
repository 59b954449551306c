export { DiscoveryClient } from './discovery-client.js';
export type {
  CallOptions,
  DiscoveryClientOptions,
  InstanceFilterChain,
} from './discovery-client.js';
export type { ChangeSource, DiscoveryTransport } from './ports.js';
export {
  DiscoveryRejectedError,
  InvalidServiceIdError,
  PartialLookupError,
  SnapshotError,
} from './errors.js';
export { fileSnapshotStore } from './snapshot/file-snapshot-store.js';
export type { FileSnapshotStoreOptions } from './snapshot/file-snapshot-store.js';
export type { SnapshotStore } from './snapshot/snapshot-store.js';
export type { SnapshotOptions } from './snapshot/snapshot-keeper.js';
export type { ServiceIdOrConfig } from './service-config.js';
export type {
  CacheInfo,
  DiscoveryConfigSource,
  DiscoveryEvents,
  DiscoveryTimings,
  ServiceChangeEvent,
  ServiceChangeListener,
} from './types.js';
export {
  createChangeSource,
  createDiscoveryClient,
  createDiscoveryTransport,
} from './create-discovery-client.js';
export type {
  CreateChangeSourceOptions,
  CreateDiscoveryClientOptions,
  CreateDiscoveryTransportOptions,
  DiscoveryConfigStore,
} from './create-discovery-client.js';
export { HttpDiscoveryTransport } from './transport/http-discovery-transport.js';
export type { HttpDiscoveryTransportOptions } from './transport/http-discovery-transport.js';
export type { DiscoveryFlavorSource } from './transport/flavor-source.js';
export { DEFAULT_IDLE_CLOSE_MS, SocketChangeSource } from './change-source/socket-change-source.js';
export type { SocketChangeSourceOptions } from './change-source/socket-change-source.js';
