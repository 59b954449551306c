import type { EmulatorInstance, JsonObject } from '../types.js';

/** A body Jackson could not bind: the Java server answers 400. */
export class JavaUnreadableBody extends Error {}

/** Reads a property the way Jackson does with ACCEPT_CASE_INSENSITIVE_PROPERTIES. */
export function field(object: JsonObject, name: string): unknown {
  if (name in object) return object[name];

  const lower = name.toLowerCase();
  const key = Object.keys(object).find(candidate => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Java String property: scalars are coerced, objects and arrays cannot be bound. */
export function stringField(object: JsonObject, name: string): string | null {
  const value = field(object, name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new JavaUnreadableBody(`Cannot deserialize String from ${typeof value} for "${name}"`);
}

export function objectField(object: JsonObject, name: string): JsonObject | null {
  const value = field(object, name);
  if (value === undefined || value === null) return null;
  if (isObject(value)) return value;
  throw new JavaUnreadableBody(`Cannot deserialize object for "${name}"`);
}

export function arrayField(object: JsonObject, name: string): unknown[] | null {
  const value = field(object, name);
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value;
  throw new JavaUnreadableBody(`Cannot deserialize list for "${name}"`);
}

/** Binds an Instance: missing values are null, a missing or null port is 0. */
export function readJavaInstance(value: unknown): EmulatorInstance | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw new JavaUnreadableBody('Cannot deserialize Instance');

  const port = field(value, 'port');
  if (port !== undefined && port !== null && typeof port !== 'number') {
    throw new JavaUnreadableBody('Cannot deserialize int for "port"');
  }
  return {
    regionId: stringField(value, 'regionId'),
    zoneId: stringField(value, 'zoneId'),
    groupId: stringField(value, 'groupId'),
    serviceId: stringField(value, 'serviceId') as string,
    instanceId: stringField(value, 'instanceId') as string,
    machineName: stringField(value, 'machineName'),
    ip: stringField(value, 'ip'),
    port: typeof port === 'number' ? Math.trunc(port) : 0,
    protocol: stringField(value, 'protocol'),
    url: stringField(value, 'url'),
    healthCheckUrl: stringField(value, 'healthCheckUrl'),
    status: stringField(value, 'status'),
    metadata: readMetadata(value),
  };
}

function readMetadata(instance: JsonObject): Record<string, string> | null {
  const metadata = objectField(instance, 'metadata');
  if (!metadata) return null;

  const result: Record<string, string> = {};
  for (const key of Object.keys(metadata)) {
    const text = stringField(metadata, key);
    if (text !== null) result[key] = text;
  }
  return result;
}

/** An Instance as Jackson writes it: every property, nulls included, in alphabetical order. */
export function writeJavaInstance(instance: EmulatorInstance): JsonObject {
  return {
    groupId: instance.groupId ?? null,
    healthCheckUrl: instance.healthCheckUrl ?? null,
    instanceId: instance.instanceId ?? null,
    ip: instance.ip ?? null,
    machineName: instance.machineName ?? null,
    metadata: instance.metadata ?? null,
    port: instance.port ?? 0,
    protocol: instance.protocol ?? null,
    regionId: instance.regionId ?? null,
    serviceId: instance.serviceId ?? null,
    status: instance.status ?? null,
    url: instance.url ?? null,
    zoneId: instance.zoneId ?? null,
  };
}

/** The lease key: region, service and instance, lowercased. */
export function javaKeyOf(instance: { regionId?: string | null } & EmulatorInstanceIds): string {
  return `${instance.regionId}/${instance.serviceId}/${instance.instanceId}`.toLowerCase();
}

interface EmulatorInstanceIds {
  serviceId: string | null;
  instanceId: string | null;
}

/** `Instance.toString()`: region/zone/service[/group]/instance, lowercased. */
export function javaInstanceText(instance: EmulatorInstance): string {
  const group = instance.groupId ? `/${instance.groupId}` : '';
  return `${instance.regionId}/${instance.zoneId}/${instance.serviceId}${group}/${instance.instanceId}`.toLowerCase();
}

/** The J responseStatus, keys in alphabetical order. */
export function javaStatus(status: string, errorCode: string, message = ''): JsonObject {
  return { errorCode, message, status };
}

export const JAVA_SUCCESS = javaStatus('success', 'success');
export const JAVA_PARTIAL_FAIL = javaStatus('partial_fail', 'partial_fail');
export const JAVA_RATE_LIMITED = javaStatus('fail', 'rate-limited', 'Request is rate limited.');

export function javaFail(errorCode: string, message: string): JsonObject {
  return javaStatus('fail', errorCode, message);
}

/** Jackson writes the reply's properties in alphabetical order. */
export function sortedJson(reply: JsonObject): string {
  const sorted: JsonObject = {};
  for (const key of Object.keys(reply).sort()) sorted[key] = reply[key];
  return JSON.stringify(sorted);
}
