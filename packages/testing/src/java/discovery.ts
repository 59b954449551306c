import type { NodeContext } from '../node-context.js';
import type { JsonObject } from '../types.js';
import {
  arrayField,
  isObject,
  javaFail,
  JAVA_SUCCESS,
  objectField,
  stringField,
  writeJavaInstance,
} from './wire.js';

interface ServiceResult {
  responseStatus: JsonObject;
  service: JsonObject | null;
}

/** A Service as Jackson writes it. */
function writeService(serviceId: string | null, instances: JsonObject[] | null): JsonObject {
  return { instances, logicInstances: null, metadata: null, routeRules: null, serviceId };
}

/** The instances of the leases under exactly this serviceId, expired and evicted ones included. */
function instancesOf(ctx: NodeContext, serviceId: string): JsonObject[] {
  return ctx.store
    .leases()
    .filter(lease => lease.instance.serviceId === serviceId)
    .map(lease => writeJavaInstance(lease.instance));
}

/**
 * DiscoveryServiceImpl.getServiceImpl. `filtersOnUnknown` says whether the filters run on an
 * unknown service (lookup.json: they do, so `instances` becomes []; service.json: null).
 */
function getService(
  ctx: NodeContext,
  config: JsonObject | null,
  regionId: string | null,
  filtersOnUnknown: boolean,
): ServiceResult {
  const serviceId = config ? stringField(config, 'serviceId') : null;
  if (!config || !serviceId?.trim()) {
    return {
      responseStatus: javaFail('bad-request', 'discoveryConfig.serviceId is null or empty.'),
      service: null,
    };
  }
  if (ctx.faults.isServiceUnavailable) {
    const message = 'Service discovery is not in up state. Current status: down';
    return { responseStatus: javaFail('service-unavailable', message), service: null };
  }
  if (regionId?.toLowerCase() !== ctx.options.regionId.toLowerCase()) {
    const message = `regionId is not the same as the discovery node. Discovery node regionId: ${ctx.options.regionId}, request regionId: ${regionId}`;
    return { responseStatus: javaFail('no-permission', message), service: null };
  }

  const instances = instancesOf(ctx, serviceId);
  const known = instances.length > 0;
  const list = known ? instances : filtersOnUnknown ? [] : null;
  return { responseStatus: JAVA_SUCCESS, service: writeService(serviceId, list) };
}

/** POST service.json: a GetServiceRequest body. */
export function javaServiceFromBody(ctx: NodeContext, body: JsonObject): JsonObject {
  const config = objectField(body, 'discoveryConfig');
  const { responseStatus, service } = getService(ctx, config, stringField(body, 'regionId'), false);
  return { responseStatus, service };
}

/** GET service.json?serviceId=&regionId=&zoneId=. */
export function javaServiceFromQuery(ctx: NodeContext, query: URLSearchParams): JsonObject {
  const config = { serviceId: query.get('serviceId'), regionId: query.get('regionId') };
  const { responseStatus, service } = getService(ctx, config, query.get('regionId'), false);
  return { responseStatus, service };
}

/** lookup.json: one Service per config, in order; a failed one is quietly replaced. */
export function javaLookup(ctx: NodeContext, body: JsonObject): JsonObject {
  const configs = arrayField(body, 'discoveryConfigs');
  if (!configs) {
    const status = javaFail('internal-service-error', 'Exception: java.lang.NullPointerException');
    return { responseStatus: status, services: null };
  }

  const regionId = stringField(body, 'regionId');
  const services = configs.map(raw => {
    const config = isObject(raw) ? raw : null;
    const result = getService(ctx, config, regionId, true);
    if (result.service && result.responseStatus === JAVA_SUCCESS) return result.service;
    return writeService(config ? stringField(config, 'serviceId') : null, null);
  });
  return { responseStatus: JAVA_SUCCESS, services };
}

/** services.json: every service that has instances; version 0 (no snapshot taken yet). */
export function javaServices(ctx: NodeContext): JsonObject {
  if (ctx.faults.isServiceUnavailable) {
    const message = 'Service discovery is not in up state. Current status: down';
    return { responseStatus: javaFail('service-unavailable', message), services: null, version: 0 };
  }

  const byService = new Map<string, JsonObject[]>();
  for (const lease of ctx.store.leases()) {
    const list = byService.get(lease.instance.serviceId) ?? [];
    list.push(writeJavaInstance(lease.instance));
    byService.set(lease.instance.serviceId, list);
  }
  const services = [...byService].map(([serviceId, instances]) =>
    writeService(serviceId, instances),
  );
  return { responseStatus: JAVA_SUCCESS, services, version: 0 };
}

/** services-delta.json: no snapshot is ever kept, so every version is unknown. */
export function javaServicesDelta(): JsonObject {
  return {
    delta: null,
    responseStatus: javaFail('data-not-found', 'Delta is not found.'),
    version: 0,
  };
}
