import type { RegistrationInstance } from '@artemis/protocol';

import type { RegistrationFailure } from './registry-transport.js';

/** Why instances were registered again. */
export type ReRegistrationReason = 'lease-lost' | 'ttl-expired';

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
  /** Instances were registered again, after a lease loss or after the TTL passed with no ack. */
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
  /** Instances were unregistered on the server. */
  unregistered: { instances: RegistrationInstance[] };
}
