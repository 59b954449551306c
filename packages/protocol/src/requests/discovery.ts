import { InvalidRequestError } from '../errors.js';
import type { DiscoveryConfig } from '../model/discovery-config.js';
import { checkContext, isText } from './context.js';
import type { RequestContext } from './context.js';

/** A discovery config as sent: region and zone always present, as the Rust server requires. */
export interface OutgoingDiscoveryConfig {
  serviceId: string;
  regionId: string;
  zoneId: string;
  discoveryData?: Record<string, string>;
}

/** The dual body of `service.json` (PROTOCOL 3.4): J reads the top level, R the config. */
export interface GetServiceRequest extends RequestContext {
  discoveryConfig: OutgoingDiscoveryConfig;
}

/** The body of J's `lookup.json` (PROTOCOL 3.7). */
export interface LookupRequest extends RequestContext {
  discoveryConfigs: OutgoingDiscoveryConfig[];
}

/** The body of `services.json`: both fields, since R requires them. */
export type ServicesRequest = RequestContext;

/**
 * Builds the `service.json` body both servers accept. The config's own region and zone win; the
 * context fills them in when absent. Throws `InvalidRequestError` on an empty serviceId.
 */
export function buildGetServiceRequest(
  config: DiscoveryConfig,
  context: RequestContext,
): GetServiceRequest {
  const checked = checkContext(context);
  return { discoveryConfig: outgoingConfig(config, checked, ''), ...checked };
}

/** Builds J's `lookup.json` body, one config per service, in order. */
export function buildLookupRequest(
  configs: readonly DiscoveryConfig[],
  context: RequestContext,
): LookupRequest {
  const checked = checkContext(context);
  const discoveryConfigs = configs.map((config, index) =>
    outgoingConfig(config, checked, `discoveryConfigs[${index}].`),
  );
  return { discoveryConfigs, ...checked };
}

/** Builds the `services.json` body. */
export function buildServicesRequest(context: RequestContext): ServicesRequest {
  return checkContext(context);
}

/**
 * A config ready to send: no nulls, region and zone filled in. Also the J instance-change
 * socket's subscribe frame.
 */
export function outgoingConfig(
  config: DiscoveryConfig,
  context: RequestContext,
  pathPrefix: string,
): OutgoingDiscoveryConfig {
  if (!isText(config?.serviceId)) {
    const field = `${pathPrefix}serviceId`;
    throw new InvalidRequestError(`Invalid discovery config: ${field} is empty`, [field]);
  }

  const outgoing: OutgoingDiscoveryConfig = {
    serviceId: config.serviceId,
    regionId: isText(config.regionId) ? config.regionId : context.regionId,
    zoneId: isText(config.zoneId) ? config.zoneId : context.zoneId,
  };
  if (config.discoveryData) outgoing.discoveryData = { ...config.discoveryData };
  return outgoing;
}
