import { z } from 'zod';

import { parseWith } from '../json/parse-with.js';
import { failedEntrySchema, readFailedEntries } from '../model/failed-instance.js';
import type { FailedInstance } from '../model/failed-instance.js';
import { instanceKeySchema } from '../model/instance-key.js';
import type { InstanceKey } from '../model/instance-key.js';
import { responseStatusSchema } from '../model/response-status.js';
import type { ResponseStatus } from '../model/response-status.js';

/**
 * The reply to register, heartbeat and unregister, from either server (PROTOCOL 3.1 to 3.3).
 * Both lists are always arrays: J reports `failedInstances`, R reports `failedInstanceKeys`.
 */
export interface RegistryReply {
  responseStatus: ResponseStatus;
  failedInstances: FailedInstance[];
  failedInstanceKeys: InstanceKey[];
}

/** The reply to a register call; see {@link RegistryReply}. */
export type RegisterReply = RegistryReply;
/** The reply to a heartbeat, over REST or the Java heartbeat socket; see {@link RegistryReply}. */
export type HeartbeatReply = RegistryReply;
/** The reply to an unregister call; see {@link RegistryReply}. */
export type UnregisterReply = RegistryReply;

/** The schema of a registry reply, after null removal; see {@link RegistryReply}. */
export const registryReplySchema = z
  .object({
    responseStatus: responseStatusSchema,
    failedInstances: z.array(failedEntrySchema).default([]),
    failedInstanceKeys: z.array(instanceKeySchema).default([]),
  })
  .transform((raw): RegistryReply => ({
    responseStatus: raw.responseStatus,
    failedInstances: readFailedEntries(raw.failedInstances, raw.responseStatus.errorCode),
    failedInstanceKeys: raw.failedInstanceKeys,
  }));

/** Reads a register reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseRegisterReply(input: unknown): RegisterReply {
  return parseWith(registryReplySchema, input, 'register reply');
}

/** Reads a heartbeat reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseHeartbeatReply(input: unknown): HeartbeatReply {
  return parseWith(registryReplySchema, input, 'heartbeat reply');
}

/** Reads an unregister reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseUnregisterReply(input: unknown): UnregisterReply {
  return parseWith(registryReplySchema, input, 'unregister reply');
}
