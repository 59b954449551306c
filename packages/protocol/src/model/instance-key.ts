import { z } from 'zod';

/**
 * The identity of an instance as the Rust server keys its leases (PROTOCOL 2.2): all five
 * fields, serviceId lowercase, groupId `''` when the instance has no group. Sent in heartbeat and
 * unregister bodies for the Rust server; read from its `failedInstanceKeys`.
 */
export const instanceKeySchema = z.object({
  regionId: z.string(),
  zoneId: z.string(),
  serviceId: z.string(),
  groupId: z.string().default(''),
  instanceId: z.string(),
});

/** See {@link instanceKeySchema}. */
export type InstanceKey = z.output<typeof instanceKeySchema>;

/** The fields of an instance that its key is made of. */
export interface InstanceKeySource {
  regionId?: string | undefined;
  zoneId?: string | undefined;
  serviceId: string;
  groupId?: string | undefined;
  instanceId: string;
}

/**
 * Derives the key exactly as the Rust server's `Instance::key()` does: lowercase serviceId,
 * groupId `''` when absent, every other field as it is. A missing region or zone (possible only
 * on instances read from a Java server) becomes `''`.
 */
export function instanceKeyOf(instance: InstanceKeySource): InstanceKey {
  return {
    regionId: instance.regionId ?? '',
    zoneId: instance.zoneId ?? '',
    serviceId: instance.serviceId.toLowerCase(),
    groupId: instance.groupId ?? '',
    instanceId: instance.instanceId,
  };
}

/** A stable, unambiguous string of an instance's key, for use as a Map key. */
export function instanceIdentity(instance: InstanceKeySource): string {
  const key = instanceKeyOf(instance);
  return JSON.stringify([key.regionId, key.zoneId, key.serviceId, key.groupId, key.instanceId]);
}

/** The cache key of a service: its id lowercased, since the Rust server ignores case. */
export function serviceKey(serviceId: string): string {
  return serviceId.toLowerCase();
}
