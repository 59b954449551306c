import type { ConfigIssue } from './config-error.js';
import type { ArtemisConfig } from './options.js';

type NumericField = {
  [K in keyof ArtemisConfig]-?: ArtemisConfig[K] extends number ? K : never;
}[keyof ArtemisConfig];

/**
 * Rules that relate two options, checked on the defaulted values. A rule is skipped when either
 * of its fields is already reported as bad on its own, so every issue is about a real conflict.
 */
export function checkCrossFieldRules(
  config: ArtemisConfig,
  isUsable: (field: string) => boolean,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (field: NumericField, other: NumericField, ok: boolean, rule: string) => {
    if (ok || !isUsable(field) || !isUsable(other)) return;
    issues.push({ path: field, message: `${rule}, got ${config[field]} ms` });
  };

  // A lease must survive two lost beats, or one slow reply causes a needless re-registration.
  const minimumTtl = 3 * config.heartbeatIntervalMs;
  check(
    'heartbeatTtlMs',
    'heartbeatIntervalMs',
    config.heartbeatTtlMs >= minimumTtl,
    `must be at least 3 × heartbeatIntervalMs (${minimumTtl} ms)`,
  );

  check(
    'httpRetryMaxDelayMs',
    'httpRetryIntervalMs',
    config.httpRetryMaxDelayMs >= config.httpRetryIntervalMs,
    `must be at least httpRetryIntervalMs (${config.httpRetryIntervalMs} ms)`,
  );

  // A pong deadline longer than the ping period would let two pings be in flight at once.
  check(
    'websocketPingTimeoutMs',
    'websocketPingIntervalMs',
    config.websocketPingTimeoutMs <= config.websocketPingIntervalMs,
    `must be at most websocketPingIntervalMs (${config.websocketPingIntervalMs} ms)`,
  );

  return issues;
}
