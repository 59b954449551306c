import type { InstanceStatus, RegistrationInstance } from '@artemis/protocol';

import type { HealthCheckFailedError } from './errors.js';
import type { RegistrationFailure } from './registry-transport.js';

/** Why instances were registered again. */
export type ReRegistrationReason = 'lease-lost' | 'ttl-expired' | 'status-changed';

/** Typed events of a `RegistryClient`. */
export interface RegistryEvents {
  /** A `register` call was accepted (fully or partly) by the server. */
  registered: { instances: RegistrationInstance[] };
  /** A heartbeat batch got an answer. */
  'heartbeat-acknowledged': {
    /** From sending the batch to its last answer, in milliseconds. */
    latencyMs: number;
    /** Instances in the batch (after the registry filters). */
    count: number;
    /** Requests or frames the batch took. */
    requests: number;
    /** Longest event-loop delay seen since the previous acknowledged beat, in milliseconds. */
    eventLoopDelayMs: number;
    /**
     * How late a beat's timer fired, in milliseconds, the latest of the beats since the previous
     * acknowledged one: a stalled loop shows up here too.
     */
    timerDriftMs: number;
    /** The node that answered, when known. */
    url?: string;
  };
  /** The server no longer knew these instances (restart, eviction); they are registered again. */
  'lease-lost': { instances: RegistrationInstance[] };
  /**
   * Instances were registered again: after a lease loss, after the TTL passed with no ack, or to
   * carry a status the health check changed.
   */
  're-registered': { instances: RegistrationInstance[]; reason: ReRegistrationReason };
  /** A registration again did not go through; the next beat tries again. */
  're-registration-failed': {
    instances: RegistrationInstance[];
    failed: RegistrationFailure[];
    error?: unknown;
  };
  /** A heartbeat batch, or part of it, failed. */
  'heartbeat-failed': { error: unknown; count: number };
  /** The watchdog saw no acknowledged heartbeat for too long and marked the node down. */
  'node-marked-down': { url: string; sinceAckMs: number };
  /** The health check gave an instance another status; this beat registers it with it. */
  'status-changed': { instance: RegistrationInstance; previous: InstanceStatus };
  /** The health check of an instance failed or was late; the instance keeps its status. */
  'health-check-failed': { instance: RegistrationInstance; error: HealthCheckFailedError };
  /** Instances were unregistered on the server. */
  unregistered: { instances: RegistrationInstance[] };
  /** `close` unregistered these instances and waits `drainMs` before it stops. */
  draining: { instances: RegistrationInstance[]; drainMs: number };
}
