import type { EmulatorInstance, EmulatorInstanceKey, JsonObject } from '../types.js';

/** A body axum's Json extractor refused; `status` is 400 (syntax) or 422 (shape). */
export class RustRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const INSTANCE_STATUSES = ['starting', 'up', 'down', 'unhealthy', 'unknown'];

function shapeError(path: string, detail: string): RustRejection {
  const where = path ? `${path}: ` : '';
  return new RustRejection(
    422,
    `Failed to deserialize the JSON body into the target type: ${where}${detail}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} \`${String(value)}\``;
}

/** A struct: the value must be a JSON object. */
export function struct(value: unknown, path: string, name: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  throw shapeError(path, `invalid type: ${describe(value)}, expected struct ${name}`);
}

export function requiredField(object: JsonObject, name: string, path: string): unknown {
  const value = object[name];
  if (value === undefined) throw shapeError(path, `missing field \`${name}\``);
  return value;
}

export function requiredString(object: JsonObject, name: string, path: string): string {
  const value = object[name];
  if (value === undefined) throw shapeError(path, `missing field \`${name}\``);
  if (typeof value !== 'string') {
    throw shapeError(path, `invalid type: ${describe(value)}, expected a string`);
  }
  return value;
}

export function optionalString(object: JsonObject, name: string, path: string): string | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw shapeError(path, `invalid type: ${describe(value)}, expected a string`);
  }
  return value;
}

export function requiredArray(object: JsonObject, name: string, path: string): unknown[] {
  const value = object[name];
  if (value === undefined) throw shapeError(path, `missing field \`${name}\``);
  if (!Array.isArray(value)) {
    throw shapeError(path, `invalid type: ${describe(value)}, expected a sequence`);
  }
  return value;
}

function optionalStringMap(
  object: JsonObject,
  name: string,
  path: string,
): Record<string, string> | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;

  const map = struct(value, `${path}.${name}`, 'map');
  for (const entry of Object.values(map)) {
    if (typeof entry !== 'string') {
      throw shapeError(`${path}.${name}`, `invalid type: ${describe(entry)}, expected a string`);
    }
  }
  return map as Record<string, string>;
}

/** R's strict Instance: required strings, a u16 port and a known lowercase status. */
export function readRustInstance(value: unknown, path: string): EmulatorInstance {
  const object = struct(value, path, 'Instance');
  const port = object['port'];
  if (port === undefined) throw shapeError(path, 'missing field `port`');
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw shapeError(path, `invalid type: ${describe(port)}, expected u16`);
  }
  const status = requiredString(object, 'status', path);
  if (!INSTANCE_STATUSES.includes(status)) {
    const expected = INSTANCE_STATUSES.map(name => `\`${name}\``).join(', ');
    throw shapeError(path, `unknown variant \`${status}\`, expected one of ${expected}`);
  }
  return {
    regionId: requiredString(object, 'regionId', path),
    zoneId: requiredString(object, 'zoneId', path),
    groupId: optionalString(object, 'groupId', path),
    serviceId: requiredString(object, 'serviceId', path),
    instanceId: requiredString(object, 'instanceId', path),
    machineName: optionalString(object, 'machineName', path),
    ip: requiredString(object, 'ip', path),
    port,
    protocol: optionalString(object, 'protocol', path),
    url: requiredString(object, 'url', path),
    healthCheckUrl: optionalString(object, 'healthCheckUrl', path),
    status,
    metadata: optionalStringMap(object, 'metadata', path),
  };
}

/** R's InstanceKey: all five fields are required strings. */
export function readRustKey(value: unknown, path: string): Required<EmulatorInstanceKey> {
  const object = struct(value, path, 'InstanceKey');
  return {
    regionId: requiredString(object, 'regionId', path),
    zoneId: requiredString(object, 'zoneId', path),
    serviceId: requiredString(object, 'serviceId', path),
    groupId: requiredString(object, 'groupId', path),
    instanceId: requiredString(object, 'instanceId', path),
  };
}

/** R's DiscoveryConfig: serviceId, regionId and zoneId are required. */
export function readRustDiscoveryConfig(value: unknown, path: string): JsonObject {
  const object = struct(value, path, 'DiscoveryConfig');
  requiredString(object, 'serviceId', path);
  requiredString(object, 'regionId', path);
  requiredString(object, 'zoneId', path);
  optionalStringMap(object, 'discoveryData', path);
  return object;
}

/** The stored key, as `Instance::key()` derives it: lowercase serviceId, '' for no group. */
export function rustKeyOf(instance: EmulatorInstanceKey): string {
  return rustKeyText({ ...instance, serviceId: instance.serviceId.toLowerCase() });
}

/** A key as sent on the wire, compared byte for byte. */
export function rustKeyText(key: EmulatorInstanceKey): string {
  const parts = [key.regionId, key.zoneId, key.serviceId, key.groupId ?? '', key.instanceId];
  return `rust:${JSON.stringify(parts)}`;
}

/** An Instance as serde writes it: struct order, absent optionals left out. */
export function writeRustInstance(instance: EmulatorInstance): JsonObject {
  const out: JsonObject = { regionId: instance.regionId, zoneId: instance.zoneId };
  if (instance.groupId != null) out['groupId'] = instance.groupId;
  out['serviceId'] = instance.serviceId;
  out['instanceId'] = instance.instanceId;
  if (instance.machineName != null) out['machineName'] = instance.machineName;
  out['ip'] = instance.ip;
  out['port'] = instance.port;
  if (instance.protocol != null) out['protocol'] = instance.protocol;
  out['url'] = instance.url;
  if (instance.healthCheckUrl != null) out['healthCheckUrl'] = instance.healthCheckUrl;
  out['status'] = instance.status;
  if (instance.metadata != null) out['metadata'] = instance.metadata;
  return out;
}

export function writeRustKey(key: Required<EmulatorInstanceKey>): JsonObject {
  const { regionId, zoneId, serviceId, groupId, instanceId } = key;
  return { regionId, zoneId, serviceId, groupId, instanceId };
}

export const RUST_SUCCESS = { errorCode: 'success' };

export function rustFail(errorMessage: string): JsonObject {
  return { errorCode: 'bad-request', errorMessage };
}
