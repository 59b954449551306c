import { InvalidInstanceError } from '../errors.js';
import { instanceKeyOf } from '../model/instance-key.js';
import type { InstanceKey } from '../model/instance-key.js';
import { validateRegistrationInstance } from '../model/registration-instance.js';
import type { RegistrationInstance } from '../model/registration-instance.js';

/**
 * Which body a heartbeat or unregister carries: J reads `instances`, R reads `instanceKeys`, and
 * `dual` sends both so that either server accepts it (PROTOCOL 9.1).
 */
export type RegistryBodyShape = 'java' | 'rust' | 'dual';

/** The body of `register.json`, the same on both servers. */
export interface RegisterRequest {
  instances: RegistrationInstance[];
}

/** The body of `heartbeat.json` or `unregister.json`, in one of the {@link RegistryBodyShape}s. */
export interface RegistryKeysRequest {
  instances?: RegistrationInstance[];
  instanceKeys?: InstanceKey[];
}

/** Builds the body of `register.json`. Throws `InvalidInstanceError` naming every bad field. */
export function buildRegisterRequest(instances: readonly unknown[]): RegisterRequest {
  return { instances: validateAll(instances) };
}

/** Builds the body of `heartbeat.json` (also the J heartbeat socket's frame, shape `java`). */
export function buildHeartbeatRequest(
  instances: readonly unknown[],
  shape: RegistryBodyShape,
): RegistryKeysRequest {
  return buildKeysRequest(instances, shape);
}

/** Builds the body of `unregister.json`. */
export function buildUnregisterRequest(
  instances: readonly unknown[],
  shape: RegistryBodyShape,
): RegistryKeysRequest {
  return buildKeysRequest(instances, shape);
}

function buildKeysRequest(
  instances: readonly unknown[],
  shape: RegistryBodyShape,
): RegistryKeysRequest {
  const valid = validateAll(instances);
  const body: RegistryKeysRequest = {};
  if (shape !== 'rust') body.instances = valid;
  if (shape !== 'java') body.instanceKeys = valid.map(instanceKeyOf);
  return body;
}

// Validates every instance before failing, so that one error names every bad field of the batch.
function validateAll(instances: readonly unknown[]): RegistrationInstance[] {
  const valid: RegistrationInstance[] = [];
  const missing: string[] = [];

  instances.forEach((instance, index) => {
    try {
      valid.push(validateRegistrationInstance(instance, `instances[${index}].`));
    } catch (error) {
      if (!(error instanceof InvalidInstanceError)) throw error;
      missing.push(...error.missing);
    }
  });

  if (missing.length > 0) throw new InvalidInstanceError(missing);
  return valid;
}
