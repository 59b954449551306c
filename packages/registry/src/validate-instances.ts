import {
  instanceIdentity,
  InvalidInstanceError,
  validateRegistrationInstance,
} from '@artemis/protocol';
import type { RegistrationInstance } from '@artemis/protocol';

/**
 * Validates a list given to `register` or `unregister`: one `InvalidInstanceError` names every
 * missing or bad field of every instance (such as `instances[1].zoneId`). Duplicates (same key)
 * are merged, the last one winning.
 */
export function validateInstances(instances: readonly unknown[]): RegistrationInstance[] {
  if (!Array.isArray(instances) || instances.length === 0) {
    throw new InvalidInstanceError(['instances']);
  }

  const valid = new Map<string, RegistrationInstance>();
  const missing: string[] = [];
  instances.forEach((instance, index) => {
    try {
      const clean = validateRegistrationInstance(instance, `instances[${index}].`);
      valid.set(instanceIdentity(clean), clean);
    } catch (error) {
      if (!(error instanceof InvalidInstanceError)) throw error;
      missing.push(...error.missing);
    }
  });

  if (missing.length > 0) throw new InvalidInstanceError(missing);
  return [...valid.values()];
}
