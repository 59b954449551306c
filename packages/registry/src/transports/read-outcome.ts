import { classifyReply, instanceIdentity } from '@artemis/protocol';
import type { Flavor, RegistrationInstance, RegistryReply } from '@artemis/protocol';

import { RegistryNodeUnavailableError, RegistryRequestRejectedError } from '../errors.js';
import type {
  HeartbeatOutcome,
  RegisterOutcome,
  RegistrationFailure,
} from '../registry-transport.js';

/** J error codes of a failed heartbeat that mean "no lease here: register again" (PROTOCOL 6.5). */
const LEASE_GONE_CODES = new Set(['data-not-found', 'unknown']);

/** Matches what a server reports back to what was sent, by the Rust key or the Java key. */
class SentInstances {
  readonly #byIdentity = new Map<string, RegistrationInstance>();
  readonly #byJavaKey = new Map<string, RegistrationInstance>();

  constructor(instances: readonly RegistrationInstance[]) {
    for (const instance of instances) {
      this.#byIdentity.set(instanceIdentity(instance), instance);
      this.#byJavaKey.set(javaKey(instance), instance);
    }
  }

  find(reported: {
    serviceId: string;
    instanceId: string;
    regionId?: string;
    zoneId?: string;
    groupId?: string;
  }): RegistrationInstance | undefined {
    return (
      this.#byIdentity.get(instanceIdentity(reported)) ?? this.#byJavaKey.get(javaKey(reported))
    );
  }
}

// The Java server's identity: region, service and instance, compared lowercased (PROTOCOL 2.1).
function javaKey(instance: { regionId?: string; serviceId: string; instanceId: string }): string {
  return JSON.stringify([
    instance.regionId ?? '',
    instance.serviceId,
    instance.instanceId,
  ]).toLowerCase();
}

/** Reads a register reply: everything sent is accepted unless the reply names it as failed. */
export function readRegisterReply(
  sent: readonly RegistrationInstance[],
  reply: RegistryReply,
): RegisterOutcome {
  const classification = classifyReply(reply);
  if (classification.kind === 'success') return { accepted: [...sent], failed: [] };

  if (classification.kind !== 'partial') {
    const failure = { errorCode: classification.errorCode, message: classification.message };
    return { accepted: [], failed: sent.map(instance => ({ instance, ...failure })) };
  }

  const lookup = new SentInstances(sent);
  const failed = new Map<RegistrationInstance, RegistrationFailure>();
  for (const entry of reply.failedInstances) {
    const instance = lookup.find(entry.instance);
    if (instance) {
      failed.set(instance, { instance, errorCode: entry.errorCode, message: entry.errorMessage });
    }
  }
  for (const key of reply.failedInstanceKeys) {
    const instance = lookup.find(key);
    if (instance) failed.set(instance, { instance, errorCode: reply.responseStatus.errorCode });
  }
  return { accepted: sent.filter(instance => !failed.has(instance)), failed: [...failed.values()] };
}

/**
 * Reads a heartbeat reply. J: failed instances with `data-not-found` or `unknown` are lost, any
 * other code is refused. R: every failed key is lost. A reply rejected as a whole throws.
 */
export function readHeartbeatReply(
  sent: readonly RegistrationInstance[],
  reply: RegistryReply,
  flavor: Flavor,
): Omit<HeartbeatOutcome, 'errors' | 'requests' | 'url'> {
  const classification = classifyReply(reply);
  if (classification.kind === 'success') return { acknowledged: [...sent], lost: [], refused: [] };
  if (classification.kind === 'service-down') {
    throw new RegistryNodeUnavailableError(classification.errorCode, classification.message);
  }
  if (classification.kind !== 'partial') {
    throw new RegistryRequestRejectedError(
      'heartbeat',
      classification.errorCode,
      classification.message,
    );
  }

  const lookup = new SentInstances(sent);
  const lost = new Set<RegistrationInstance>();
  const refused = new Map<RegistrationInstance, RegistrationFailure>();
  for (const entry of reply.failedInstances) {
    const instance = lookup.find(entry.instance);
    if (!instance) continue;
    if (flavor === 'rust' || LEASE_GONE_CODES.has(entry.errorCode.toLowerCase()))
      lost.add(instance);
    else
      refused.set(instance, { instance, errorCode: entry.errorCode, message: entry.errorMessage });
  }
  for (const key of reply.failedInstanceKeys) {
    const instance = lookup.find(key);
    if (instance) lost.add(instance);
  }

  return {
    acknowledged: sent.filter(instance => !lost.has(instance) && !refused.has(instance)),
    lost: [...lost],
    refused: [...refused.values()],
  };
}

/** Checks an unregister reply; a reply refused as a whole throws. */
export function checkUnregisterReply(reply: RegistryReply): void {
  const classification = classifyReply(reply);
  if (classification.kind === 'success' || classification.kind === 'partial') return;

  throw new RegistryRequestRejectedError(
    'unregister',
    classification.errorCode,
    classification.message,
  );
}
