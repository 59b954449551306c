import { byStatus, FilterChain } from '@artemis/filters';
import type { NamedFilter } from '@artemis/filters';
import {
  ArtemisAbortError,
  ClientClosedError,
  onAbort,
  systemClock,
  throwIfAborted,
  toSdkLogger,
  TypedEvents,
} from '@artemis/protocol';
import type {
  Clock,
  DiscoveryConfig,
  Instance,
  InstanceChange,
  Logger,
  SdkLogger,
  Service,
  Unsubscribe,
} from '@artemis/protocol';
import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';

import { DispatchQueue } from './dispatch-queue.js';
import type { ChangeSource, DiscoveryTransport } from './ports.js';
import { PushClock } from './push-clock.js';
import { RefreshLoop } from './refresh-loop.js';
import { ServiceCache } from './service-cache.js';
import { ServiceFetcher } from './service-fetcher.js';
import { SnapshotKeeper } from './snapshot/snapshot-keeper.js';
import type { SnapshotOptions } from './snapshot/snapshot-keeper.js';
import { toDiscoveryConfig } from './service-config.js';
import type { ServiceIdOrConfig } from './service-config.js';
import type { ServiceEntry } from './service-entry.js';
import type {
  CacheInfo,
  DiscoveryConfigSource,
  DiscoveryEvents,
  ServiceChangeEvent,
  ServiceChangeListener,
} from './types.js';
import { WatcherRegistry } from './watcher-registry.js';

/** Anything with FilterChain's `apply`: the filters that decide what callers see. */
export interface InstanceFilterChain {
  apply(instances: readonly Instance[]): Instance[];
}

/** Options of {@link DiscoveryClient}. */
export interface DiscoveryClientOptions {
  /** Fetches services from the server. */
  transport: DiscoveryTransport;
  /** Pushed changes. Default: none, so everything is polled. */
  changeSource?: ChangeSource;
  /** Tunables: a `ConfigStore`, or any `{ current }` holding the discovery timings. */
  config: DiscoveryConfigSource;
  /**
   * The client's own discovery filters, applied on top of what the server returns so that both
   * server lines give the same answer. Default: only instances whose status is `up`.
   */
  filters?: InstanceFilterChain | readonly NamedFilter[];
  /** Where the client logs. Default: silent. */
  logger?: Logger;
  /** Time source, for tests. Default: the system clock (unref'd timers). */
  clock?: Clock;
  /**
   * Keep a snapshot of the cache, so that a run that starts while no server answers is served
   * the services it had before, as stale copies, until a fetch succeeds. Default: none.
   */
  snapshot?: SnapshotOptions;
}

/** Options of the calls that may wait for the network. */
export interface CallOptions {
  /** Stops waiting; the shared fetch goes on for the other callers. */
  signal?: AbortSignal;
}

/**
 * A cache of services that answers from memory, keeps itself right through pushes and polls,
 * tells watchers about every change, and never loses good data because a server failed.
 */
export class DiscoveryClient {
  /** Events for logs and metrics; see {@link DiscoveryEvents}. */
  readonly events: TypedEvents<DiscoveryEvents>;
  readonly #logger: SdkLogger;
  readonly #clock: Clock;
  readonly #transport: DiscoveryTransport;
  readonly #changeSource: ChangeSource | undefined;
  readonly #queue: DispatchQueue;
  readonly #watchers: WatcherRegistry;
  readonly #cache: ServiceCache;
  readonly #loop: RefreshLoop;
  readonly #fetcher: ServiceFetcher;
  readonly #snapshot: SnapshotKeeper | undefined;
  readonly #pushClock = new PushClock();
  readonly #lifetime = new AbortController();
  readonly #subscriptions: Subscription[] = [];
  #closed = false;

  constructor(options: DiscoveryClientOptions) {
    this.#logger = toSdkLogger(options.logger, 'discovery');
    this.#clock = options.clock ?? systemClock;
    this.#transport = options.transport;
    this.#changeSource = options.changeSource;
    this.events = new TypedEvents<DiscoveryEvents>(
      (error, event) => this.#logger.warn('A discovery event listener threw', { event, error }),
      { diagnostics: 'discovery' },
    );
    this.#queue = new DispatchQueue(error => this.#logger.warn('A watcher threw', { error }));
    this.#watchers = new WatcherRegistry(this.#queue);

    const chain = toFilterChain(options.filters, options.logger);
    this.#cache = new ServiceCache(
      instances => chain.apply(instances),
      this.#watchers,
      this.events,
    );
    this.#snapshot = options.snapshot
      ? new SnapshotKeeper({
          ...options.snapshot,
          clock: this.#clock,
          logger: this.#logger,
          events: this.events,
          entries: () => this.#cache.entries(),
        })
      : undefined;
    const snapshot = this.#snapshot;
    this.#fetcher = new ServiceFetcher({
      transport: options.transport,
      cache: this.#cache,
      clock: this.#clock,
      events: this.events,
      logger: this.#logger,
      signal: this.#lifetime.signal,
      restore: snapshot && (key => snapshot.restore(key)),
    });
    this.#loop = new RefreshLoop({
      clock: this.#clock,
      config: options.config,
      canPush: () => this.#changeSource?.canPush ?? false,
      entries: () => this.#cache.entries(),
      refresh: entries => this.#fetcher.refresh(entries),
    });
    this.#listenToChangeSource();
    this.#loop.start();
  }

  /**
   * The service with its instances. The first call for a service fetches it (concurrent callers
   * share one request) and rejects if that fails; later calls answer from memory, with the last
   * known good copy even while the server is unreachable. The result is deep-frozen.
   */
  async getService(
    serviceIdOrConfig: ServiceIdOrConfig,
    options: CallOptions = {},
  ): Promise<Service> {
    this.#assertOpen();
    // The hot path: a plain id of a service already fetched and pinned needs no config built.
    if (typeof serviceIdOrConfig === 'string') {
      const cached = this.#cache.get(serviceIdOrConfig);
      if (cached?.ready && cached.pinned) return cached.view;
    }

    const entry = this.#track(toDiscoveryConfig(serviceIdOrConfig));
    entry.pinned = true;
    if (entry.ready) return entry.view;

    throwIfAborted(options.signal);
    await this.#awaitSignal(entry.inFlight ?? this.#fetcher.refresh([entry]), options.signal);
    this.#assertOpen();
    if (!entry.ready) throw entry.lastError;
    return entry.view;
  }

  /**
   * Several services at once, in the order asked. Those not cached yet are fetched in one batch
   * (one lookup on Java, parallel requests on Rust); a service whose first fetch failed rejects
   * the whole call with that error, the others stay cached.
   */
  async getServices(
    configs: readonly ServiceIdOrConfig[],
    options: CallOptions = {},
  ): Promise<Service[]> {
    this.#assertOpen();
    const entries = configs.map(config => this.#track(toDiscoveryConfig(config)));
    for (const entry of entries) entry.pinned = true;

    const missing = [...new Set(entries.filter(entry => !entry.ready && !entry.inFlight))];
    const pending = new Set(entries.filter(entry => entry.inFlight).map(entry => entry.inFlight));
    if (missing.length > 0) pending.add(this.#fetcher.refresh(missing));
    if (pending.size > 0) {
      throwIfAborted(options.signal);
      await this.#awaitSignal(Promise.all(pending), options.signal);
      this.#assertOpen();
    }

    const failed = entries.find(entry => !entry.ready);
    if (failed) throw failed.lastError;
    return entries.map(entry => entry.view);
  }

  /**
   * The cached service, synchronously: the same deep-frozen answer `getService` gives, or
   * undefined while no fetch of it has succeeded yet. Starts nothing: use it on hot paths for
   * services already asked for with `getService`, `getServices` or `waitForService`.
   */
  peekService(serviceIdOrConfig: ServiceIdOrConfig): Service | undefined {
    this.#assertOpen();
    // A plain id skips building a config: this is the hot path.
    const serviceId =
      typeof serviceIdOrConfig === 'string'
        ? serviceIdOrConfig
        : toDiscoveryConfig(serviceIdOrConfig).serviceId;
    const entry = this.#cache.get(serviceId);
    return entry?.ready ? entry.view : undefined;
  }

  /**
   * The changes of a service as an rxjs Observable of {@link ServiceChangeEvent}. Subscribing
   * starts tracking the service (and fetches it if needed); no event is sent for the current
   * state. Unsubscribing the last watcher of a service that `getService` never asked for stops
   * tracking it, on the client and on the server. `close()` completes the stream.
   */
  watch(serviceIdOrConfig: ServiceIdOrConfig): Observable<ServiceChangeEvent> {
    const config = toDiscoveryConfig(serviceIdOrConfig);
    return new Observable<ServiceChangeEvent>(subscriber => {
      if (this.#closed) {
        subscriber.error(new ClientClosedError('discovery client'));
        return undefined;
      }
      return this.#addWatcher(
        config,
        event => subscriber.next(event),
        () => subscriber.complete(),
      );
    });
  }

  /**
   * Calls `listener` with each change of a service, asynchronously, in order and one at a time;
   * a listener that throws is reported and does not affect the others. Returns the unsubscribe.
   */
  subscribe(serviceIdOrConfig: ServiceIdOrConfig, listener: ServiceChangeListener): Unsubscribe {
    this.#assertOpen();
    const config = toDiscoveryConfig(serviceIdOrConfig);
    return this.#addWatcher(config, event => {
      try {
        listener(event);
      } catch (error) {
        this.events.emit('listener-error', { serviceId: config.serviceId, error });
        this.#logger.warn('A service change listener threw', {
          serviceId: config.serviceId,
          error,
        });
      }
    });
  }

  /**
   * Resolves with the service once a fetch of it has succeeded; failed fetches are retried on
   * `discoveryReloadIntervalMs` meanwhile. Rejects when `signal` fires or the client closes.
   */
  async waitForService(
    serviceIdOrConfig: ServiceIdOrConfig,
    options: CallOptions = {},
  ): Promise<Service> {
    this.#assertOpen();
    const entry = this.#track(toDiscoveryConfig(serviceIdOrConfig));
    entry.pinned = true;
    if (entry.ready) return entry.view;

    throwIfAborted(options.signal);
    if (!entry.inFlight) this.#fetcher.refresh([entry]).catch(() => undefined);
    await this.#awaitSignal(this.#fetcher.whenReady(entry), options.signal);
    return entry.view;
  }

  /** How fresh the cached copy of a service is; undefined when the service is not tracked. */
  cacheInfo(serviceId: string): CacheInfo | undefined {
    const entry = this.#cache.get(serviceId);
    if (!entry) return undefined;

    const ageMs = entry.ready ? this.#clock.now() - entry.lastSuccessAt : Number.POSITIVE_INFINITY;
    const stale = entry.failed || !entry.ready || ageMs >= this.#loop.cacheTtlMs;
    const info = {
      ageMs,
      stale,
      ready: entry.ready,
      restored: entry.restored,
      instanceCount: entry.view.instances.length,
    };
    return Object.freeze(entry.failed ? { ...info, lastError: entry.lastError } : info);
  }

  /** Fetches tracked services again now: one, or all of them. */
  async refresh(serviceId?: string, options: CallOptions = {}): Promise<void> {
    this.#assertOpen();
    const entry = serviceId === undefined ? undefined : this.#cache.get(serviceId);
    const entries = serviceId === undefined ? [...this.#cache.entries()] : entry ? [entry] : [];
    if (entries.length > 0) await this.#awaitSignal(this.#fetcher.refresh(entries), options.signal);
  }

  /** The services currently tracked, by serviceId as first asked. */
  trackedServices(): string[] {
    return [...this.#cache.entries()].map(entry => entry.config.serviceId);
  }

  /** How many watch streams and listeners are attached, over all services. */
  watcherCount(): number {
    return this.#watchers.count();
  }

  /**
   * Stops the timers and the change source, completes every watch stream and rejects pending
   * waits. Idempotent; afterwards every call rejects with `ClientClosedError`.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;

    this.#loop.stop();
    // The last save, while the cache still holds everything.
    await this.#snapshot?.close();
    this.#lifetime.abort(new ClientClosedError('discovery client'));
    for (const subscription of this.#subscriptions.splice(0)) subscription.unsubscribe();
    this.#fetcher.rejectWaiters(new ClientClosedError('discovery client'));
    this.#watchers.completeAll();
    this.#queue.clear();
    this.#cache.clear();
    await this.#changeSource?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClientClosedError('discovery client');
  }

  /** The entry of a service; a new one is subscribed for pushes. */
  #track(config: DiscoveryConfig): ServiceEntry {
    return this.#cache.track(config, () => this.#changeSource?.subscribe(config));
  }

  /** Stops tracking a service nobody needs any more, on the client and at the change source. */
  #releaseIfUnused(entry: ServiceEntry): void {
    if (entry.retained || !this.#cache.holds(entry) || this.#closed) return;

    this.#cache.remove(entry);
    this.#fetcher.rejectWaiters(new ArtemisAbortError('service no longer tracked'), entry);
    this.#changeSource?.unsubscribe(entry.config.serviceId);
  }

  #addWatcher(
    config: DiscoveryConfig,
    deliver: (event: ServiceChangeEvent) => void,
    complete?: () => void,
  ): Unsubscribe {
    const entry = this.#track(config);
    entry.watchers += 1;
    const remove = this.#watchers.add(entry.key, deliver, complete);
    if (!entry.settled && !entry.inFlight) void this.#fetcher.refresh([entry]);

    return () => {
      if (!remove()) return;
      entry.watchers -= 1;
      this.#releaseIfUnused(entry);
    };
  }

  /** Waits for `work`, or rejects as soon as `signal` fires (the work itself goes on). */
  async #awaitSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return work;
    throwIfAborted(signal);

    // Callers may share one signal across many lookups: onAbort keeps it at one listener.
    let stopWaiting: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      stopWaiting = onAbort(signal, () => reject(new ArtemisAbortError(signal.reason)));
    });
    try {
      return await Promise.race([work, aborted]);
    } finally {
      stopWaiting?.();
    }
  }

  #listenToChangeSource(): void {
    const source = this.#changeSource;
    if (!source) return;

    this.#subscriptions.push(
      source.changes$.subscribe({
        next: change => this.#onPush(change),
        error: error => this.#logger.error('The change source failed', { error }),
      }),
    );
    if (source.invalid$) {
      this.#subscriptions.push(
        source.invalid$.subscribe(error => {
          this.events.emit('push-dropped', { reason: 'invalid', error });
          this.#logger.warn('Skipped an unreadable pushed change', { error });
        }),
      );
    }
    if (source.resync$) {
      this.#subscriptions.push(
        source.resync$.subscribe(() => {
          this.#pushClock.reset();
          const entries = [...this.#cache.entries()].filter(entry => !entry.inFlight);
          if (entries.length > 0) void this.#fetcher.refresh(entries);
        }),
      );
    }
  }

  #onPush(change: InstanceChange): void {
    if (this.#closed) return;
    if (change.changeType !== 'reload') {
      const localTime = this.#pushClock.localTimeOf(change.changeTime, this.#clock.now());
      this.#cache.applyPush(change, localTime);
      return;
    }

    const entry = this.#cache.get(change.instance.serviceId);
    if (entry && !entry.inFlight) void this.#fetcher.refresh([entry]);
  }
}

function toFilterChain(
  filters: InstanceFilterChain | readonly NamedFilter[] | undefined,
  logger: Logger | undefined,
): InstanceFilterChain {
  if (filters && !Array.isArray(filters)) return filters as InstanceFilterChain;

  const named = (filters as readonly NamedFilter[] | undefined) ?? [
    { name: 'status-up', filter: byStatus('up') },
  ];
  return new FilterChain([...named], { logger });
}
