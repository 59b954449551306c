import type { DiscoveryConfig, InstanceChange, TypedEvents } from '@artemis/protocol';
import type { Observable } from 'rxjs';

import type { ManagedSocketEvents, SocketState } from './socket-events.js';
import type { SocketSide } from './options.js';

/** Events of a change socket: those of its managed socket, plus subscription news. */
export interface ChangeSocketEvents extends ManagedSocketEvents {
  /**
   * A subscription is in place on the current session: acknowledged by the Rust server, or sent
   * to the Java server (which never acknowledges).
   */
  subscribed: { side: SocketSide; serviceId: string; acknowledged: boolean };
  /** The Rust server confirmed an unsubscribe. */
  unsubscribed: { side: SocketSide; serviceId: string };
}

/**
 * A socket that delivers instance changes for the services it is subscribed to, whatever the
 * server dialect. Subscriptions survive reconnects: every new session subscribes again.
 */
export interface ChangeSocket {
  /** Each change pushed for a subscribed service. Completes on `close()`. */
  readonly changes$: Observable<InstanceChange>;
  readonly events: TypedEvents<ChangeSocketEvents>;
  readonly state: SocketState;
  /**
   * Subscribes to a service's changes, now and after every reconnect; connects on first use.
   * Throws `InvalidRequestError` on an empty serviceId, `FrameTooLargeError` on a frame over the
   * limit, `ClientClosedError` after close.
   */
  subscribe(config: DiscoveryConfig): void;
  /** Stops delivering a service's changes (the Rust server is told; the Java one cannot be). */
  unsubscribe(serviceId: string): void;
  /** The service ids currently subscribed. */
  subscriptions(): string[];
  /** Closes the socket for good. Idempotent. */
  close(): Promise<void>;
}
