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
  return readPlainSuccess(input) ?? parseWith(registryReplySchema, input, 'register reply');
}

/** Reads a heartbeat reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseHeartbeatReply(input: unknown): HeartbeatReply {
  return readPlainSuccess(input) ?? parseWith(registryReplySchema, input, 'heartbeat reply');
}

/** Reads an unregister reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseUnregisterReply(input: unknown): UnregisterReply {
  return readPlainSuccess(input) ?? parseWith(registryReplySchema, input, 'unregister reply');
}

/**
 * Reads, without the schema, the reply of a call in which every instance was accepted: the
 * answer to nearly every heartbeat, so the one a busy client reads most, and the schema's cost
 * would show next to the request's. It gives exactly what the schema gives; anything else, or
 * anything unexpected, is left to the schema (undefined).
 */
function readPlainSuccess(input: unknown): RegistryReply | undefined {
  if (!isRecord(input)) return undefined;
  if (!isNoList(input['failedInstances']) || !isNoList(input['failedInstanceKeys'])) {
    return undefined;
  }

  const envelope = input['responseStatus'];
  if (!isRecord(envelope) || envelope['errorCode'] !== 'success') return undefined;
  const { status, message, errorMessage } = envelope;
  if (!isTextOrNothing(status) || !isTextOrNothing(message) || !isTextOrNothing(errorMessage)) {
    return undefined;
  }

  const responseStatus: ResponseStatus = { errorCode: 'success' };
  if (typeof status === 'string') responseStatus.status = status;
  const text = message || errorMessage;
  if (text) responseStatus.message = text;
  return { responseStatus, failedInstances: [], failedInstanceKeys: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent, null (which the schema reads as absent) or an empty list. */
function isNoList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function isTextOrNothing(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}
