// The umbrella: the wired client, and the public API of every package, so that `@artemis/client`
// alone is enough for full use.
export { ArtemisClient } from './artemis-client.js';
export { createArtemisClient } from './create-artemis-client.js';
export type { ArtemisClientEvents, ArtemisClientOptions } from './client-options.js';
export { detectFlavor, flavorOfHealthReply } from './detect-flavor.js';
export type { DetectedFlavor } from './detect-flavor.js';
export { FlavorDetectionError } from './errors.js';
export { installShutdownHandlers } from './shutdown-handlers.js';
export type { ShutdownHandlerOptions, SignalTarget } from './shutdown-handlers.js';

export * from '@artemis/protocol';
export * from '@artemis/config';
export * from '@artemis/address';
export * from '@artemis/http-retry';
export * from '@artemis/websocket';
export * from '@artemis/filters';
export * from '@artemis/registry';
export * from '@artemis/discovery';
export * from '@artemis/metrics';

// Both the registry and discovery name their per-call options `CallOptions`; the shapes match.
export type { CallOptions } from '@artemis/registry';
export type { CallOptions as DiscoveryCallOptions } from '@artemis/discovery';
