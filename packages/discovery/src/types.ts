import type { ChangeType, Instance, Service } from '@artemis/protocol';

import type { SnapshotError } from './errors.js';

/**
 * One change of a service, as `watch` and `subscribe` deliver it.
 *
 * Every change to what `getService` answers is reported per instance: `new`, `delete` or
 * `change`, with the instance concerned. `reload` is reported only when the service's own
 * fields (metadata, route rules) changed and no instance did. `service` is the whole service
 * after the update that caused the event; when one poll changed several instances, each of
 * its events carries the same snapshot.
 */
export interface ServiceChangeEvent {
  readonly changeType: ChangeType;
  /** The whole service after the change, deep-frozen. */
  readonly service: Service;
  /** The instance that was added, removed or changed; absent for `reload`. */
  readonly instance?: Instance;
  /** What revealed the change: a pushed message, or a fetch (first load, poll, reload). */
  readonly source: 'push' | 'fetch';
}

/** Called with each change of a watched service. */
export type ServiceChangeListener = (event: ServiceChangeEvent) => void;

/** How fresh the cached copy of a service is. */
export interface CacheInfo {
  /** Milliseconds since the last successful fetch; Infinity if none succeeded yet. */
  readonly ageMs: number;
  /** True when the last refresh failed or the copy is older than `discoveryCacheTtlMs`. */
  readonly stale: boolean;
  /** True once the service can be answered: it was fetched, or restored from a snapshot. */
  readonly ready: boolean;
  /** Instances `getService` answers with now, after the client's filters. */
  readonly instanceCount: number;
  /** True while the copy comes from the snapshot of an earlier run, until a fetch succeeds. */
  readonly restored: boolean;
  /** The error of the last refresh, when it failed. */
  readonly lastError?: unknown;
}

/** The events of a discovery client, for logs and metrics. */
export interface DiscoveryEvents {
  /** A service's instances changed (the same events watchers get, for every service). */
  change: { serviceId: string; changeType: ChangeType; source: 'push' | 'fetch' };
  /** Fetching services failed; their cached copies were kept. */
  'refresh-failed': { serviceIds: string[]; error: unknown };
  /** Services were fetched; `durationMs` is the time the whole request took. */
  refreshed: { serviceIds: string[]; durationMs: number };
  /**
   * A pushed change was ignored: older than the cached data (`stale`), for a service this client
   * does not track (`untracked`), or unreadable (`invalid`).
   */
  'push-dropped': {
    serviceId?: string;
    changeType?: ChangeType;
    reason: 'stale' | 'untracked' | 'invalid';
    error?: unknown;
  };
  /**
   * A service that could not be fetched is answered from the snapshot of an earlier run, with
   * the instances it had when it was fetched at `savedAt` (epoch ms).
   */
  restored: { serviceId: string; savedAt: number; instanceCount: number };
  /** The snapshot could not be read or written; the client goes on without it. */
  'snapshot-failed': { operation: 'load' | 'save'; error: SnapshotError };
  /** A listener or a filter threw; the error was isolated. */
  'listener-error': { serviceId: string; error: unknown };
}

/** The tunables the client reads, in milliseconds; `ArtemisConfig` has them all. */
export interface DiscoveryTimings {
  /** Everything is fetched again once older than this. */
  readonly discoveryCacheTtlMs: number;
  /** Failed and empty services are fetched again this often. */
  readonly discoveryReloadIntervalMs: number;
  /** Everything is fetched this often when the server cannot push. */
  readonly discoveryPollIntervalMs: number;
}

/** Where the client reads its tunables from; a `ConfigStore` fits, and so does `{ current }`. */
export interface DiscoveryConfigSource {
  readonly current: DiscoveryTimings;
}
