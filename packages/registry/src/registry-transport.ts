import type { RegistrationInstance } from '@artemis/protocol';

/** One instance the server did not accept, with the server's reason. */
export interface RegistrationFailure {
  instance: RegistrationInstance;
  /** The server's error code (such as `no-permission`), or the SDK error code of a failed request. */
  errorCode: string;
  message?: string;
  /** The error of the request that carried this instance, when the request itself failed. */
  error?: unknown;
}

/** What a register call achieved. */
export interface RegisterOutcome {
  accepted: RegistrationInstance[];
  failed: RegistrationFailure[];
}

/** What a heartbeat achieved. Every sent instance is in at most one of the three lists. */
export interface HeartbeatOutcome {
  /** Renewed by the server. */
  acknowledged: RegistrationInstance[];
  /** Unknown or expired on the server (its lease is gone): they must be registered again. */
  lost: RegistrationInstance[];
  /** Refused for another reason (such as a region the node does not serve); not retried. */
  refused: RegistrationFailure[];
  /** Errors of requests that failed while others of the batch got an answer. */
  errors: unknown[];
  /** How many requests or frames the batch took. */
  requests: number;
  /** The node that answered the last request, when known. */
  url?: string;
}

/**
 * The narrow port between the registry's logic and the wire. The registry client holds no
 * protocol knowledge beyond this; the package ships an HTTP adapter and a Java heartbeat-socket
 * adapter, and tests plug in a fake.
 *
 * `register` and `heartbeat` resolve with what the server said, and reject only when no request
 * of the batch got an answer. Splitting big batches is the adapter's job.
 */
export interface RegistryTransport {
  register(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<RegisterOutcome>;
  heartbeat(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<HeartbeatOutcome>;
  unregister(instances: readonly RegistrationInstance[], signal: AbortSignal): Promise<void>;
  /** Told when the watchdog marked a node down, so a socket can move to another node. */
  nodeMarkedDown?(url: string): void;
  /** Releases what the adapter itself owns. */
  close?(): void | Promise<void>;
}

/** The part of `AddressManager` the watchdog uses. */
export interface RegistryNodes {
  current(): string;
  markDown(url: string, reason?: string): void;
}
