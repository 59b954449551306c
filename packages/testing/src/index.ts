export { ArtemisEmulator, startArtemisEmulator } from './emulator.js';
export { startArtemisCluster } from './cluster.js';
export type { ArtemisCluster, ArtemisClusterOptions } from './cluster.js';
export { EmulatorFaults } from './faults.js';
export type { FailNextOptions } from './faults.js';
export type { ArtemisEmulatorOptions, SelfPreservationOptions } from './options.js';
export { EmulatorStore } from './store.js';
export type { ClusterMember, Lease } from './store.js';
export type {
  EmulatorChange,
  EmulatorFlavor,
  EmulatorInstance,
  EmulatorInstanceKey,
  EmulatorTlsOptions,
  GarbageKind,
  RateLimitOptions,
  RecordedFrame,
  RecordedRequest,
} from './types.js';
export { ManualClock } from './manual-clock.js';
export type { ManualTimerHandle } from './manual-clock.js';
export { waitFor } from './wait-for.js';
export { startTcpProxy, TcpProxy } from './proxy/tcp-proxy.js';
export type { PauseMode, TcpProxyOptions } from './proxy/tcp-proxy.js';
export type { ProxyTarget } from './proxy/proxied-connection.js';
export { createSelfSignedCertificate } from './tls/self-signed-certificate.js';
export type {
  SelfSignedCertificate,
  SelfSignedCertificateOptions,
} from './tls/self-signed-certificate.js';
export { watchUnhandledRejections } from './unhandled-rejections.js';
export type { RejectionWatch } from './unhandled-rejections.js';
