import type { NodeContext } from '../node-context.js';
import type { ResolvedOptions } from '../options.js';
import type { EmulatorInstance, JsonObject } from '../types.js';
import type { LeaseSafety } from './lease-safety.js';
import type { RateLimiter } from './rate-limiter.js';
import {
  arrayField,
  isObject,
  javaFail,
  javaInstanceText,
  javaKeyOf,
  JAVA_PARTIAL_FAIL,
  JAVA_RATE_LIMITED,
  JAVA_SUCCESS,
  readJavaInstance,
  writeJavaInstance,
} from './wire.js';

export type RegistryOperation = 'register' | 'heartbeat' | 'unregister';

interface Failure {
  errorCode: string;
  reason: string;
}

/**
 * One registry call as RegistryServiceImpl runs it: rate limit, request check, node state, then
 * each instance on its own. Shared by REST and the heartbeat WebSocket.
 */
export function runJavaRegistry(
  ctx: NodeContext,
  limiter: RateLimiter | undefined,
  operation: RegistryOperation,
  body: unknown,
): JsonObject {
  if (limiter && !limiter.allow(operation, ctx.store.now())) {
    return { failedInstances: null, responseStatus: JAVA_RATE_LIMITED };
  }
  if (!isObject(body)) {
    return { failedInstances: null, responseStatus: javaFail('bad-request', 'request is null') };
  }

  const raw = arrayField(body, 'instances');
  if (!raw || raw.length === 0) {
    const status = javaFail('bad-request', 'request.instances is null or empty.');
    return { failedInstances: null, responseStatus: status };
  }
  if (ctx.faults.isServiceUnavailable) {
    const message = 'Serivce registry is not in up state. Current status: down';
    return { failedInstances: null, responseStatus: javaFail('service-unavailable', message) };
  }

  const instances = raw.map(readJavaInstance);
  const failed: JsonObject[] = [];
  for (const instance of instances) {
    if (!instance) continue;

    const failure = checkInstance(ctx, instance) ?? apply(ctx, operation, instance);
    if (failure) {
      failed.push({
        errorCode: failure.errorCode,
        errorMessage: `${javaInstanceText(instance)}: ${failure.reason}`,
        instance: writeJavaInstance(instance),
      });
    }
  }
  return failed.length === 0
    ? { failedInstances: null, responseStatus: JAVA_SUCCESS }
    : { failedInstances: failed, responseStatus: JAVA_PARTIAL_FAIL };
}

function checkInstance(ctx: NodeContext, instance: EmulatorInstance): Failure | undefined {
  const serverRegion = ctx.options.regionId;
  if (instance.regionId?.toLowerCase() !== serverRegion.toLowerCase()) {
    return {
      errorCode: 'no-permission',
      reason: `regionId is not the same as the registry node. Registry node regionId: ${serverRegion}, instance regionId: ${instance.regionId}`,
    };
  }
  for (const name of ['serviceId', 'instanceId', 'url'] as const) {
    if (!instance[name]?.trim()) {
      return {
        errorCode: 'internal-service-error',
        reason: `Exception: instance.${name} is null or whitespace.`,
      };
    }
  }
  return undefined;
}

function apply(
  ctx: NodeContext,
  operation: RegistryOperation,
  instance: EmulatorInstance,
): Failure | undefined {
  const key = javaKeyOf(instance);
  const { store } = ctx;
  switch (operation) {
    case 'register':
      store.put(key, instance, leaseTtlOf(ctx.options, instance));
      return undefined;
    case 'heartbeat': {
      const lease = store.get(key);
      const now = store.now();
      if (!lease || lease.evicted || now > lease.renewedAt + lease.ttlMs) {
        return {
          errorCode: 'data-not-found',
          reason: 'Instance is not exising! Need re-register.',
        };
      }
      store.renew(key);
      return undefined;
    }
    case 'unregister': {
      const lease = store.get(key);
      if (lease) lease.evicted = true;
      return undefined;
    }
  }
}

/** Legacy instances (a non-blank `metadata.java_registry`) live in the 90 s lease manager. */
export function leaseTtlOf(options: ResolvedOptions, instance: EmulatorInstance): number {
  const legacy = instance.metadata?.['java_registry']?.trim();
  return legacy ? options.legacyLeaseTtlMs : options.leaseTtlMs;
}

/**
 * The cleaner: removes evicted leases, and expired ones while the node is safe (self-preservation
 * keeps them otherwise); each removal emits `delete`.
 */
export function cleanJavaLeases(ctx: NodeContext, safety: LeaseSafety | undefined): void {
  const now = ctx.store.now();
  const safe = safety?.isSafe ?? true;
  for (const lease of ctx.store.leases()) {
    const expired = now > lease.renewedAt + lease.ttlMs;
    if (lease.evicted || (safe && expired)) ctx.store.remove(lease.key);
  }
}
