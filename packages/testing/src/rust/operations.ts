import type { NodeContext } from '../node-context.js';
import type { EmulatorInstance, JsonObject } from '../types.js';
import {
  readRustInstance,
  readRustKey,
  requiredArray,
  rustFail,
  rustKeyOf,
  rustKeyText,
  RUST_SUCCESS,
  struct,
  writeRustKey,
} from './wire.js';

/** register: never fails; each instance overwrites its key with a fresh lease. */
export function rustRegister(ctx: NodeContext, body: unknown): JsonObject {
  const object = struct(body, '', 'RegisterRequest');
  const instances = requiredArray(object, 'instances', '').map((value, index) =>
    readRustInstance(value, `instances[${index}]`),
  );
  for (const instance of instances) {
    ctx.store.put(rustKeyOf(instance), instance, ctx.options.leaseTtlMs);
  }
  return { responseStatus: RUST_SUCCESS };
}

/** heartbeat: exact key lookup, renewal with no expiry check (a swept-late lease revives). */
export function rustHeartbeat(ctx: NodeContext, body: unknown): JsonObject {
  const keys = readKeys(body, 'HeartbeatRequest');
  const failed: JsonObject[] = [];
  for (const key of keys) {
    if (!ctx.store.renew(rustKeyText(key))) failed.push(writeRustKey(key));
  }
  if (failed.length === 0) return { responseStatus: RUST_SUCCESS };
  return { responseStatus: rustFail('Some heartbeats failed'), failedInstanceKeys: failed };
}

/** unregister: removes the instance at once; unknown keys are a success too. */
export function rustUnregister(ctx: NodeContext, body: unknown): JsonObject {
  for (const key of readKeys(body, 'UnregisterRequest')) ctx.store.remove(rustKeyText(key));
  return { responseStatus: RUST_SUCCESS };
}

function readKeys(body: unknown, name: string) {
  const object = struct(body, '', name);
  return requiredArray(object, 'instanceKeys', '').map((value, index) =>
    readRustKey(value, `instanceKeys[${index}]`),
  );
}

/** Every stored instance of a service, serviceId compared lowercased. */
export function rustInstancesOf(ctx: NodeContext, serviceId: string): EmulatorInstance[] {
  const wanted = serviceId.toLowerCase();
  return ctx.store
    .leases()
    .map(lease => lease.instance)
    .filter(instance => instance.serviceId.toLowerCase() === wanted);
}
