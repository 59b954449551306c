import { instanceKeyOf } from '@artemis/protocol';
import type { Flavor, RegistrationInstance, RegistryKeysRequest } from '@artemis/protocol';

/**
 * The body of one heartbeat: full instances for Java, keys for Rust (PROTOCOL 3.2). The
 * instances were validated when they were registered, so a beat does not validate them again:
 * with thousands of instances that check would cost more than the request itself.
 */
export function heartbeatBody(
  instances: readonly RegistrationInstance[],
  flavor: Flavor,
): RegistryKeysRequest {
  return flavor === 'java'
    ? { instances: [...instances] }
    : { instanceKeys: instances.map(instanceKeyOf) };
}
