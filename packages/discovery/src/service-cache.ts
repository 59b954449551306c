import type { TypedEvents, Instance, InstanceChange, Service } from '@artemis/protocol';
import type { DiscoveryConfig } from '@artemis/protocol';

import { diffInstances, sameJson } from './instance-diff.js';
import { cacheKeyOf } from './service-config.js';
import { ServiceEntry, extrasOf } from './service-entry.js';
import type { DiscoveryEvents, ServiceChangeEvent } from './types.js';
import type { WatcherRegistry } from './watcher-registry.js';

type Source = ServiceChangeEvent['source'];

/**
 * The services this client tracks, keyed by serviceId without case. Every update goes through
 * here: it merges the data, rebuilds the filtered view, and tells watchers what changed in what
 * `getService` answers (nothing when the answer is the same).
 */
export class ServiceCache {
  readonly #entries = new Map<string, ServiceEntry>();
  readonly #filter: (instances: Instance[]) => Instance[];
  readonly #watchers: WatcherRegistry;
  readonly #events: TypedEvents<DiscoveryEvents>;

  constructor(
    filter: (instances: Instance[]) => Instance[],
    watchers: WatcherRegistry,
    events: TypedEvents<DiscoveryEvents>,
  ) {
    this.#filter = filter;
    this.#watchers = watchers;
    this.#events = events;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(serviceId: string): ServiceEntry | undefined {
    return this.#entries.get(cacheKeyOf(serviceId));
  }

  entries(): IterableIterator<ServiceEntry> {
    return this.#entries.values();
  }

  /** The entry of a service, created (and `onCreate` called) when it is new. */
  track(config: DiscoveryConfig, onCreate: (entry: ServiceEntry) => void): ServiceEntry {
    const key = cacheKeyOf(config.serviceId);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = new ServiceEntry(key, config);
      this.#entries.set(key, entry);
      onCreate(entry);
    }
    return entry;
  }

  /** True when `entry` is still the one cached under its key (not removed or replaced). */
  holds(entry: ServiceEntry): boolean {
    return this.#entries.get(entry.key) === entry;
  }

  remove(entry: ServiceEntry): void {
    if (this.holds(entry)) this.#entries.delete(entry.key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Stores a fetched service; the request for it was sent at `requestedAt`. */
  applyFetched(entry: ServiceEntry, service: Service, requestedAt: number, now: number): void {
    entry.records.applySnapshot(service.instances, requestedAt);
    entry.extras = extrasOf(service);
    entry.ready = true;
    entry.failed = false;
    entry.restored = false;
    entry.lastError = undefined;
    entry.lastSuccessAt = now;
    this.#update(entry, 'fetch');
  }

  /**
   * Answers a service that could not be fetched with its copy from the snapshot of an earlier
   * run, fetched at `savedAt`. It stays failed, so it is fetched again on the reload interval,
   * and anything fetched or pushed later wins over it.
   */
  applyRestored(entry: ServiceEntry, service: Service, savedAt: number): void {
    entry.records.applySnapshot(service.instances, Number.NEGATIVE_INFINITY);
    entry.extras = extrasOf(service);
    entry.ready = true;
    entry.restored = true;
    entry.lastSuccessAt = savedAt;
    this.#update(entry, 'fetch');
  }

  /** Records a failed fetch. The cached instances are kept: last known good. */
  applyFailed(entry: ServiceEntry, error: unknown): void {
    entry.failed = true;
    entry.lastError = error;
    entry.settled = true;
  }

  /**
   * Applies a pushed change (`reload` is handled by the caller), which the push clock placed at
   * `localTime` on the client's clock.
   */
  applyPush(change: InstanceChange, localTime: number): void {
    const entry = this.#entries.get(cacheKeyOf(change.instance.serviceId));
    const { serviceId } = change.instance;
    if (!entry) {
      this.#events.emit('push-dropped', {
        serviceId,
        changeType: change.changeType,
        reason: 'untracked',
      });
      return;
    }

    if (entry.records.applyChange(change, localTime) === 'stale') {
      this.#events.emit('push-dropped', {
        serviceId,
        changeType: change.changeType,
        reason: 'stale',
      });
      return;
    }
    this.#update(entry, 'push');
  }

  #update(entry: ServiceEntry, source: Source): void {
    const before = entry.view;
    const after = entry.rebuildView(this.#filter);
    const report = entry.settled;
    entry.settled = true;

    const events = changeEvents(before, after, source);
    if (events.length === 0) {
      entry.view = before; // Same answer: keep the object callers already hold.
      return;
    }
    if (!report) return;

    for (const event of events) {
      this.#events.emit('change', {
        serviceId: after.serviceId,
        changeType: event.changeType,
        source,
      });
    }
    this.#watchers.publish(entry.key, events);
  }
}

function changeEvents(before: Service, after: Service, source: Source): ServiceChangeEvent[] {
  const diffs = diffInstances(before.instances, after.instances);
  if (diffs.length > 0) {
    return diffs.map(diff => Object.freeze({ ...diff, service: after, source }));
  }

  if (sameJson({ ...before, instances: [] }, { ...after, instances: [] })) return [];
  return [Object.freeze({ changeType: 'reload' as const, service: after, source })];
}
