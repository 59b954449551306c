import { serviceKey } from '@artemis/protocol';
import type { DiscoveryConfig } from '@artemis/protocol';

import { InvalidServiceIdError } from './errors.js';

/** A serviceId, or a full discovery config when region, zone or discoveryData matter. */
export type ServiceIdOrConfig = string | DiscoveryConfig;

/** Turns what the caller passed into a config, rejecting a missing or blank serviceId. */
export function toDiscoveryConfig(value: ServiceIdOrConfig): DiscoveryConfig {
  const config = typeof value === 'string' ? { serviceId: value } : value;
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.serviceId !== 'string' ||
    config.serviceId.trim() === ''
  ) {
    throw new InvalidServiceIdError(value);
  }
  return Object.freeze({ ...config });
}

/** The cache key of a service: its id without case, as both servers' identities allow. */
export function cacheKeyOf(serviceId: string): string {
  return serviceKey(serviceId);
}
