export { ConfigError } from './config-error.js';
export type { ConfigIssue } from './config-error.js';
export { ConfigStore } from './config-store.js';
export { CONFIG_DEFAULTS, MAX_TIMER_MS } from './defaults.js';
export { ENV_VARIABLES } from './env-options.js';
export type { ArtemisEnvVariable } from './env-options.js';
export type {
  ArtemisConfig,
  ArtemisOptions,
  FlavorSetting,
  HeartbeatTransport,
  ResolvedTlsOptions,
  TlsOptions,
} from './options.js';
export { resolveConfig } from './resolve-config.js';
export type { ArtemisEnv } from './resolve-config.js';
export { redactUrl } from './server-url.js';
