import { instanceKeyOf } from '@artemis/protocol';
import type {
  Flavor,
  RegisterRequest,
  RegistrationInstance,
  RegistryKeysRequest,
} from '@artemis/protocol';

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

/**
 * The body of one register request. The instances are `RegistrationInstance`s, checked by
 * `RegistryClient.register` when they came in, so they are sent as they are, for the same reason.
 */
export function registerBody(instances: readonly RegistrationInstance[]): RegisterRequest {
  return { instances: [...instances] };
}
