import { z } from 'zod';

import { InvalidInstanceError } from '../errors.js';
import { INSTANCE_STATUSES } from './instance.js';

const requiredText = z.string().trim().min(1);
const optionalText = z.string().nullish();

/**
 * What the SDK sends for an instance: every field the Rust server requires is present and
 * non-empty, `status` is one of the five lowercase values, the port fits in 16 bits. Optional
 * fields given as `null` are left out of the result.
 */
export const registrationInstanceSchema = z.object({
  regionId: requiredText,
  zoneId: requiredText,
  groupId: optionalText,
  serviceId: requiredText,
  instanceId: requiredText,
  machineName: optionalText,
  ip: requiredText,
  port: z.number().int().min(0).max(65_535),
  protocol: optionalText,
  url: requiredText,
  healthCheckUrl: optionalText,
  status: z.enum(INSTANCE_STATUSES),
  metadata: z.record(z.string(), z.string()).nullish(),
});

type RegistrationInput = z.output<typeof registrationInstanceSchema>;

/** An instance the SDK can register: see {@link registrationInstanceSchema}. No field is null. */
export type RegistrationInstance = {
  [K in keyof RegistrationInput]: Exclude<RegistrationInput[K], null>;
};

/**
 * Checks an instance before it is sent and returns a clean copy holding only protocol fields,
 * with no nulls. Throws {@link InvalidInstanceError} naming every missing or bad field, each
 * prefixed with `pathPrefix` (for example `instances[2].`).
 */
export function validateRegistrationInstance(
  value: unknown,
  pathPrefix = '',
): RegistrationInstance {
  const result = registrationInstanceSchema.safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map(issue => issue.path.map(String).join('.') || '(root)');
    throw new InvalidInstanceError([...new Set(fields)].map(field => pathPrefix + field));
  }

  const clean: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(result.data)) {
    if (entry !== null && entry !== undefined) clean[key] = entry;
  }
  return clean as RegistrationInstance;
}
