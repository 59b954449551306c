import { instanceIdentity } from '@artemis/protocol';
import type { Instance } from '@artemis/protocol';

/**
 * Identities of the instances the cache holds. Cached instances are frozen and shared between
 * successive views of a service, so each one's identity is computed once instead of at every
 * diff: that is most of the cost of applying a pushed change to a large service.
 */
const identities = new WeakMap<Instance, string>();

/** The identity of an instance as the servers key it (see `instanceIdentity`), memoised. */
export function identityOf(instance: Instance): string {
  let identity = identities.get(instance);
  if (identity === undefined) {
    identity = instanceIdentity(instance);
    identities.set(instance, identity);
  }
  return identity;
}
