import { Buffer } from 'node:buffer';

import { CONFIG_DEFAULTS } from './defaults.js';
import type { ArtemisConfig, ArtemisOptions, ResolvedTlsOptions, TlsOptions } from './options.js';

/**
 * Fills every unset option with its default. The heartbeat TTL follows the interval when only
 * the interval was set, so that a slower beat alone never makes the defaults invalid.
 */
export function applyDefaults(options: ArtemisOptions): ArtemisConfig {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as ArtemisOptions;

  const heartbeatIntervalMs = defined.heartbeatIntervalMs ?? CONFIG_DEFAULTS.heartbeatIntervalMs;
  const heartbeatTtlMs =
    defined.heartbeatTtlMs ?? Math.max(CONFIG_DEFAULTS.heartbeatTtlMs, 3 * heartbeatIntervalMs);

  const { tls, ...rest } = { ...CONFIG_DEFAULTS, ...defined, heartbeatIntervalMs, heartbeatTtlMs };
  return {
    ...rest,
    serverUrls: [...(defined.serverUrls ?? [])],
    headers: { ...(defined.headers ?? {}) },
    ...(tls === undefined ? {} : { tls: resolveTls(tls) }),
  };
}

/** TLS options with `rejectUnauthorized` set and Buffers copied. */
export function resolveTls(tls: TlsOptions): ResolvedTlsOptions {
  // Buffers are copied: a config is immutable, and a Buffer itself cannot be frozen.
  const copy = (value: string | Buffer | undefined) =>
    Buffer.isBuffer(value) ? Buffer.from(value) : value;

  return {
    ...(tls.ca === undefined ? {} : { ca: copy(tls.ca) }),
    ...(tls.cert === undefined ? {} : { cert: copy(tls.cert) }),
    ...(tls.key === undefined ? {} : { key: copy(tls.key) }),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
  };
}
