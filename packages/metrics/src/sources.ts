import type { Unsubscribe } from '@artemis/protocol';

/**
 * Anything that lets a listener subscribe to named events and returns an unsubscribe function,
 * as the SDK's `TypedEvents` does. The metrics package describes the event sources it reads with
 * this shape alone, so it never has to import the packages that emit them.
 */
export interface EventSubscriber<Events extends object> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): Unsubscribe;
}

// Each payload below lists only the fields the metrics read, so a source that sends more (or
// narrower types) still fits.

/** The events of a `RegistryClient` that feed the heartbeat and registration metrics. */
export interface RegistrySourceEvents {
  registered: unknown;
  'heartbeat-acknowledged': {
    /** Send to acknowledgement, in milliseconds. */
    latencyMs: number;
    /** Longest event-loop delay since the previous beat, in milliseconds. */
    eventLoopDelayMs?: number;
  };
  'heartbeat-failed': { error: unknown };
  'lease-lost': unknown;
  /**
   * `reason` is `lease-lost`, `ttl-expired` or `status-changed`; any other value is labelled
   * `other`.
   */
  're-registered': { reason: string };
  're-registration-failed': unknown;
  /** `instance.status` is the new status; any value outside the five is labelled `other`. */
  'status-changed': { instance: { status: string } };
  'health-check-failed': unknown;
}

/** A `RegistryClient`, or anything shaped like one. */
export interface RegistryMetricsSource {
  readonly events: EventSubscriber<RegistrySourceEvents>;
  /** When present, read at scrape time for the registered-instances gauge. */
  registered?(): readonly unknown[];
}

/** The events of an `ArtemisHttpClient` that feed the request and retry metrics. */
export interface HttpSourceEvents {
  request: {
    side: string;
    operation: string;
    outcome: string;
    /** Time of this attempt, in milliseconds. */
    durationMs: number;
  };
  retry: { side: string; operation: string };
}

/** An `ArtemisHttpClient`, or anything shaped like one. */
export interface HttpMetricsSource {
  readonly events: EventSubscriber<HttpSourceEvents>;
}

/** The events of an `AddressManager` that feed the address metrics. */
export interface AddressSourceEvents {
  'address-down': { side: string; url: string };
  'list-changed': { side: string };
}

/** What the healthy-addresses gauge reads from an address manager at scrape time. */
export interface AddressStateLike {
  healthy: boolean;
}

/** An `AddressManager`, or anything shaped like one. */
export interface AddressMetricsSource {
  readonly events: EventSubscriber<AddressSourceEvents>;
  /** The side the manager serves; when absent, learnt from its first event. */
  readonly side?: string;
  /** When present, read at scrape time for the healthy-addresses gauge. */
  snapshot?(): readonly AddressStateLike[];
}

/** The events of a managed WebSocket (or a dialect socket) that feed the WebSocket metrics. */
export interface SocketSourceEvents {
  state: { side: string; state: string };
  reconnect: { side: string };
  'frame-error': { side: string };
}

/**
 * A stream of received frames, as rxjs' `Observable` offers it: only `subscribe` with a next
 * callback is used.
 */
export interface FrameStream {
  subscribe(next: (frame: unknown) => void): { unsubscribe(): void };
}

/** A `ManagedSocket` or dialect socket, or anything shaped like one. */
export interface SocketMetricsSource {
  readonly events: EventSubscriber<SocketSourceEvents>;
  /**
   * The side the socket serves. When absent, it comes from {@link SidedSocketSource} or is
   * learnt from the socket's first event.
   */
  readonly side?: string;
  /** The current connection state, read at scrape time; when absent, the last 'state' event's. */
  readonly state?: string;
  /** When present, every frame received is counted (a `ManagedSocket`'s `messages$`). */
  readonly messages$?: FrameStream;
}

/** A socket together with the side it serves, for sockets that do not name their side. */
export interface SidedSocketSource {
  side: string;
  socket: SocketMetricsSource;
}

/** The events of a `DiscoveryClient` that feed the discovery metrics. */
export interface DiscoverySourceEvents {
  change: { serviceId: string; source: string };
  refreshed: { serviceIds: readonly string[]; durationMs: number };
  'refresh-failed': { serviceIds: readonly string[]; error: unknown };
  'push-dropped': { reason: string };
  restored: unknown;
  /** `operation` is `load` or `save`. */
  'snapshot-failed': { operation: string };
}

/** How fresh one cached service is, as `DiscoveryClient.cacheInfo` tells it. */
export interface CacheInfoLike {
  /** Milliseconds since the last successful fetch; Infinity if none succeeded yet. */
  ageMs: number;
  stale: boolean;
  /** Instances cached for the service; when present, feeds the instances gauge. */
  instanceCount?: number;
}

/** One cached service, as a discovery client's cache snapshot lists it. */
export interface CachedServiceLike {
  serviceId: string;
  /** Instances the cache holds for the service. */
  instanceCount: number;
}

/** A `DiscoveryClient`, or anything shaped like one. */
export interface DiscoveryMetricsSource {
  readonly events: EventSubscriber<DiscoverySourceEvents>;
  /** When present, read at scrape time for the cache age and staleness of each known service. */
  cacheInfo?(serviceId: string): CacheInfoLike | undefined;
  /**
   * When present, read at scrape time: the services the cache tracks. Without it, the known
   * services are learnt from events.
   */
  trackedServices?(): readonly string[];
  /**
   * When present, read at scrape time for the instances per service; otherwise each known
   * service's `cacheInfo(…).instanceCount` is used, when the source reports it.
   */
  cachedServices?(): Iterable<CachedServiceLike>;
}
