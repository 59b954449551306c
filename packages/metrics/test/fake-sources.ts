import { TypedEvents } from '@artemis/protocol';

// Fakes shaped like the real components: their payloads carry more fields, and narrower types,
// than the metrics read, which is what the structural source types must accept.

type Side = 'registry' | 'discovery';

export interface FakeRegistryEvents {
  registered: { instances: { instanceId: string }[] };
  'heartbeat-acknowledged': { latencyMs: number; count: number; eventLoopDelayMs: number };
  'lease-lost': { instances: { instanceId: string }[] };
  're-registered': {
    instances: { instanceId: string }[];
    reason: 'lease-lost' | 'ttl-expired' | 'status-changed';
  };
  're-registration-failed': { instances: { instanceId: string }[]; error?: unknown };
  'heartbeat-failed': { error: unknown; count: number };
  'node-marked-down': { url: string };
  'status-changed': {
    instance: { instanceId: string; status: 'starting' | 'up' | 'down' | 'unhealthy' | 'unknown' };
    previous: string;
  };
  'health-check-failed': { instance: { instanceId: string }; error: Error };
}

export class FakeRegistryClient {
  readonly events = new TypedEvents<FakeRegistryEvents>();
  instances: { instanceId: string }[] = [];

  registered(): { instanceId: string }[] {
    return this.instances;
  }
}

export interface FakeHttpEvents {
  request: {
    side: Side;
    operation: string;
    url: string;
    outcome: 'success' | 'partial' | 'rejected' | 'timeout' | 'transport-error';
    status?: number;
    durationMs: number;
    attempt: number;
  };
  retry: { side: Side; operation: string; attempt: number; delayMs: number; reason: string };
}

export class FakeHttpClient {
  readonly events = new TypedEvents<FakeHttpEvents>();
}

export interface FakeAddressEvents {
  'list-changed': { side: Side; urls: string[]; previous: string[] };
  'address-down': { side: Side; url: string; reason: string };
  'address-up': { side: Side; url: string };
}

export class FakeAddressManager {
  readonly events = new TypedEvents<FakeAddressEvents>();
  states: { url: string; healthy: boolean; source: 'seed' | 'cluster' }[] = [];

  constructor(readonly side: Side) {}

  snapshot(): { url: string; healthy: boolean; source: 'seed' | 'cluster' }[] {
    return this.states;
  }
}

export interface FakeSocketEvents {
  state: { side: Side; state: 'connecting' | 'open' | 'closed'; url?: string };
  reconnect: { side: Side; attempt: number; delayMs: number; reason: string };
  'frame-error': { side: Side; error: Error };
  'session-closed': { side: Side; code: number };
}

/** A stream of frames with rxjs' `subscribe(next)` shape, and a way to push frames into it. */
export class FakeFrameStream {
  readonly #listeners = new Set<(frame: { sessionId: number; data: string }) => void>();

  subscribe(next: (frame: { sessionId: number; data: string }) => void): { unsubscribe(): void } {
    this.#listeners.add(next);
    return { unsubscribe: () => this.#listeners.delete(next) };
  }

  push(data: string): void {
    for (const listener of this.#listeners) listener({ sessionId: 1, data });
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }
}

export class FakeSocket {
  readonly events = new TypedEvents<FakeSocketEvents>();
}

/** A socket that, like `ManagedSocket`, has a live `state` and a `messages$` stream. */
export class FakeManagedSocket extends FakeSocket {
  state: 'connecting' | 'open' | 'closed' = 'closed';
  readonly messages$ = new FakeFrameStream();
}

export interface FakeDiscoveryEvents {
  change: { serviceId: string; changeType: 'new' | 'delete' | 'change'; source: 'push' | 'fetch' };
  'refresh-failed': { serviceIds: string[]; error: unknown };
  refreshed: { serviceIds: string[]; durationMs: number };
  'push-dropped': { serviceId?: string; reason: 'stale' | 'untracked' | 'invalid' };
  'listener-error': { serviceId: string; error: unknown };
  restored: { serviceId: string; savedAt: number; instanceCount: number };
  'snapshot-failed': { operation: 'load' | 'save'; error: Error };
}

export class FakeDiscoveryClient {
  readonly events = new TypedEvents<FakeDiscoveryEvents>();
  readonly cache = new Map<
    string,
    { ageMs: number; stale: boolean; ready: boolean; count: number }
  >();

  cacheInfo(serviceId: string): { ageMs: number; stale: boolean; ready: boolean } | undefined {
    return this.cache.get(serviceId);
  }

  cachedServices(): { serviceId: string; instanceCount: number }[] {
    return [...this.cache].map(([serviceId, entry]) => ({ serviceId, instanceCount: entry.count }));
  }
}

/**
 * A discovery client shaped like the real one: it lists the services it tracks and tells each
 * one's freshness, and has no `cachedServices`.
 */
export class FakeTrackingDiscoveryClient {
  readonly events = new TypedEvents<FakeDiscoveryEvents>();
  readonly cache = new Map<string, { ageMs: number; stale: boolean; instanceCount?: number }>();

  trackedServices(): string[] {
    return [...this.cache.keys()];
  }

  cacheInfo(
    serviceId: string,
  ): { ageMs: number; stale: boolean; instanceCount?: number } | undefined {
    return this.cache.get(serviceId);
  }
}
