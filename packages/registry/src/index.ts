export { RegistryClient } from './registry-client.js';
export type { CallOptions, RegisterResult, RegistryClientOptions } from './registry-client.js';
export type { RegistryEvents, ReRegistrationReason } from './registry-events.js';
export type { HealthCheck, StatusChange } from './health-check.js';
export type {
  HeartbeatOutcome,
  RegisterOutcome,
  RegistrationFailure,
  RegistryNodes,
  RegistryTransport,
} from './registry-transport.js';
export {
  HealthCheckFailedError,
  RegistrationFailedError,
  RegistryNodeUnavailableError,
  RegistryRequestRejectedError,
  UnregisterFailedError,
} from './errors.js';
export { createRegistryTransport } from './create-registry-transport.js';
export type { CreateRegistryTransportOptions } from './create-registry-transport.js';
export { HttpRegistryTransport } from './transports/http-registry-transport.js';
export type { HttpRegistryTransportOptions } from './transports/http-registry-transport.js';
export { JavaSocketHeartbeatTransport } from './transports/java-socket-heartbeat-transport.js';
export type {
  HeartbeatSocket,
  JavaSocketHeartbeatTransportOptions,
} from './transports/java-socket-heartbeat-transport.js';
export type { FlavorSource } from './transports/flavor-source.js';
