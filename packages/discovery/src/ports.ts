import type { DiscoveryConfig, InstanceChange, Service } from '@artemis/protocol';
import type { Observable } from 'rxjs';

/**
 * How the client fetches services from a server. Both methods resolve to services whose
 * `instances` list is empty when the server has none (every way a server says "no instances"
 * is turned into an empty service, never into an error) and reject on a real failure.
 */
export interface DiscoveryTransport {
  /** Fetches one service. */
  getService(config: DiscoveryConfig, signal: AbortSignal): Promise<Service>;

  /**
   * Fetches several services, one per config and in the same order. When only some of them
   * fail, the transport may reject with a {@link PartialLookupError} that carries the rest.
   */
  getServices(configs: readonly DiscoveryConfig[], signal: AbortSignal): Promise<Service[]>;
}

/**
 * Where pushed instance changes come from. A source whose server cannot push (`canPush`
 * false) still accepts subscriptions; the client then polls everything instead.
 */
export interface ChangeSource {
  /** True when the server behind this source pushes changes. May become true later. */
  readonly canPush: boolean;

  /** Every change pushed for any subscribed service. */
  readonly changes$: Observable<InstanceChange>;

  /**
   * Emits when pushes may have been missed, for instance after a reconnect; the client then
   * fetches every tracked service again.
   */
  readonly resync$?: Observable<void>;

  /**
   * Each pushed frame that could not be read (the error says why). The client skips it, reports
   * it as `push-dropped` with reason `invalid`, and keeps its cache as it was.
   */
  readonly invalid$?: Observable<unknown>;

  /** Starts receiving changes for a service (sent again by the source after a reconnect). */
  subscribe(config: DiscoveryConfig): void;

  /** Stops receiving changes for a service. */
  unsubscribe(serviceId: string): void;

  /** Releases the source's sockets and timers. */
  close(): void | Promise<void>;
}
