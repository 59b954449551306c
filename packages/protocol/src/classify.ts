import type { FailedInstance } from './model/failed-instance.js';
import type { InstanceKey } from './model/instance-key.js';
import type { ResponseStatus } from './model/response-status.js';

/** Anything with a normalised `responseStatus`: every parsed reply qualifies. */
export interface ClassifiableReply {
  responseStatus: ResponseStatus;
  failedInstances?: readonly FailedInstance[];
  failedInstanceKeys?: readonly InstanceKey[];
}

/**
 * What a reply means for the caller, one rule set shared by every package:
 * - `success`: done;
 * - `partial`: some instances failed (J `partial_fail`, or R's failed heartbeat keys);
 * - `service-down`: this node cannot serve; mark it down and use another;
 * - `retry-same-node`: a passing condition (rate limit, unknown); retry, usually on this node;
 * - `rejected`: the request itself was refused; retrying will not help.
 */
export type ReplyClassification =
  | { kind: 'success' }
  | {
      kind: 'partial';
      failedInstances: readonly FailedInstance[];
      failedInstanceKeys: readonly InstanceKey[];
    }
  | { kind: 'service-down'; errorCode: string; message?: string }
  | { kind: 'retry-same-node'; errorCode: string; message?: string }
  | { kind: 'rejected'; errorCode: string; message?: string };

/** The kinds of {@link ReplyClassification}. */
export type ReplyKind = ReplyClassification['kind'];

const SERVICE_DOWN_CODES = new Set([
  'internal-service-error',
  'service-unavailable',
  'internal-error',
]);
const RETRY_SAME_NODE_CODES = new Set(['rate-limited', 'unknown']);
const PARTIAL = 'partial_fail';

/**
 * Classifies a reply of either server (PROTOCOL 1.4, 6.3, 9.3). Failed instances or keys make it
 * partial whatever the envelope says, since R reports failed heartbeat keys as `bad-request`.
 * Codes are compared without regard to case; a code nobody knows is `rejected`, as the Java client
 * treats it.
 */
export function classifyReply(reply: ClassifiableReply): ReplyClassification {
  const failedInstances = reply.failedInstances ?? [];
  const failedInstanceKeys = reply.failedInstanceKeys ?? [];
  const status = reply.responseStatus.status?.toLowerCase();
  const errorCode = reply.responseStatus.errorCode.toLowerCase();

  if (failedInstances.length > 0 || failedInstanceKeys.length > 0 || status === PARTIAL) {
    return { kind: 'partial', failedInstances, failedInstanceKeys };
  }
  if (status === 'success' || (status === undefined && errorCode === 'success')) {
    return { kind: 'success' };
  }
  if (errorCode === PARTIAL) return { kind: 'partial', failedInstances, failedInstanceKeys };

  const failure = withMessage(reply.responseStatus);
  if (SERVICE_DOWN_CODES.has(errorCode)) return { kind: 'service-down', ...failure };
  if (RETRY_SAME_NODE_CODES.has(errorCode)) return { kind: 'retry-same-node', ...failure };
  return { kind: 'rejected', ...failure };
}

/**
 * True for the Rust server's answer to `service.json` for a service it holds no instance of:
 * `bad-request` "Service not found: …" and no service. Like J's empty service, it means "no
 * instances", not an error to surface.
 */
export function isServiceNotFound(reply: {
  responseStatus: ResponseStatus;
  service?: unknown;
}): boolean {
  const { errorCode, message } = reply.responseStatus;
  return (
    reply.service === undefined &&
    errorCode.toLowerCase() === 'bad-request' &&
    /^service not found/i.test(message ?? '')
  );
}

function withMessage(status: ResponseStatus): { errorCode: string; message?: string } {
  return status.message === undefined
    ? { errorCode: status.errorCode }
    : { errorCode: status.errorCode, message: status.message };
}
