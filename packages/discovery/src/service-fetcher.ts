import { serviceKey } from '@artemis/protocol';
import type { Clock, SdkLogger, Service, TypedEvents } from '@artemis/protocol';

import { InvalidReplyError } from '@artemis/protocol';
import { PartialLookupError } from './errors.js';
import type { DiscoveryTransport } from './ports.js';
import type { ServiceCache } from './service-cache.js';
import type { ServiceEntry } from './service-entry.js';
import type { SavedService } from './snapshot/snapshot-format.js';
import type { DiscoveryEvents } from './types.js';

/** What the fetcher needs from the client. */
export interface ServiceFetcherOptions {
  transport: DiscoveryTransport;
  cache: ServiceCache;
  clock: Clock;
  events: TypedEvents<DiscoveryEvents>;
  logger: SdkLogger;
  /** Aborted when the client closes. */
  signal: AbortSignal;
  /** The copy of a service kept from an earlier run, by cache key. @default none */
  restore?: (key: string) => Promise<SavedService | undefined>;
}

/**
 * Fetches services through the transport and stores the outcome: a fetched service replaces
 * the cached one, a failure keeps it. One fetch per service at a time; everyone who needs that
 * service waits for the same request.
 */
export class ServiceFetcher {
  readonly #options: ServiceFetcherOptions;
  readonly #readyWaiters = new Map<ServiceEntry, Set<(error?: unknown) => void>>();

  constructor(options: ServiceFetcherOptions) {
    this.#options = options;
  }

  /** Fetches `entries` in one request (a batch when there are several). Never rejects. */
  refresh(entries: readonly ServiceEntry[]): Promise<void> {
    const requestedAt = this.#options.clock.now();
    for (const entry of entries) entry.lastAttemptAt = requestedAt;

    const work = this.#fetchAndStore(entries, requestedAt);
    for (const entry of entries) entry.inFlight = work;
    void work.finally(() => {
      for (const entry of entries) if (entry.inFlight === work) entry.inFlight = undefined;
    });
    return work;
  }

  /** Resolves once `entry` has been fetched successfully. */
  whenReady(entry: ServiceEntry): Promise<void> {
    if (entry.ready) return Promise.resolve();

    return new Promise((resolve, reject) => {
      let waiters = this.#readyWaiters.get(entry);
      if (!waiters) {
        waiters = new Set();
        this.#readyWaiters.set(entry, waiters);
      }
      const settle = (error?: unknown): void => (error === undefined ? resolve() : reject(error));
      waiters.add(settle);
    });
  }

  /** Forgets the waiters of `entry`, or of every entry, rejecting them with `error`. */
  rejectWaiters(error: unknown, entry?: ServiceEntry): void {
    const lists = entry ? [this.#readyWaiters.get(entry)] : [...this.#readyWaiters.values()];
    if (entry) this.#readyWaiters.delete(entry);
    else this.#readyWaiters.clear();
    for (const waiters of lists) waiters?.forEach(settle => settle(error));
  }

  async #fetchAndStore(entries: readonly ServiceEntry[], requestedAt: number): Promise<void> {
    const { transport, signal, clock, events } = this.#options;
    const serviceIds = entries.map(entry => entry.config.serviceId);
    let services: Service[] = [];
    let failures = new Map<string, unknown>();

    try {
      services =
        entries.length === 1 && entries[0]
          ? [await transport.getService(entries[0].config, signal)]
          : await transport.getServices(
              entries.map(entry => entry.config),
              signal,
            );
    } catch (error) {
      if (error instanceof PartialLookupError) {
        services = [...error.services];
        failures = new Map([...error.failures].map(([id, cause]) => [serviceKey(id), cause]));
      } else {
        failures = new Map(entries.map(entry => [entry.key, error]));
      }
    }
    if (signal.aborted) return;

    const byKey = new Map(services.map(service => [serviceKey(service.serviceId), service]));
    const now = clock.now();
    const failed: ServiceEntry[] = [];
    for (const entry of entries) {
      if (!this.#options.cache.holds(entry)) continue;

      const service = byKey.get(entry.key);
      if (service) {
        this.#options.cache.applyFetched(entry, service, requestedAt, now);
        this.#settleWaiters(entry);
      } else {
        const error = failures.get(entry.key) ?? missingFromReply(entry);
        this.#options.cache.applyFailed(entry, error);
        failed.push(entry);
      }
    }

    if (failed.length < entries.length) {
      events.emit('refreshed', { serviceIds, durationMs: now - requestedAt });
    }
    if (failed.length > 0) {
      this.#reportFailure(failed);
      await this.#restore(failed);
    }
  }

  /** Answers services never fetched from the snapshot of an earlier run, when it has them. */
  async #restore(failed: readonly ServiceEntry[]): Promise<void> {
    const { restore, cache, signal, events } = this.#options;
    if (!restore) return;

    for (const entry of failed) {
      if (entry.ready) continue;
      const saved = await restore(entry.key);
      if (!saved || signal.aborted || !cache.holds(entry) || entry.ready) continue;

      cache.applyRestored(entry, saved.service, saved.savedAt);
      this.#settleWaiters(entry);
      events.emit('restored', {
        serviceId: entry.config.serviceId,
        savedAt: saved.savedAt,
        instanceCount: entry.view.instances.length,
      });
    }
  }

  #settleWaiters(entry: ServiceEntry): void {
    const waiters = this.#readyWaiters.get(entry);
    this.#readyWaiters.delete(entry);
    waiters?.forEach(settle => settle());
  }

  #reportFailure(failed: readonly ServiceEntry[]): void {
    const serviceIds = failed.map(entry => entry.config.serviceId);
    const error = failed[0]?.lastError;
    this.#options.events.emit('refresh-failed', { serviceIds, error });
    this.#options.logger.warn('Fetching services failed; keeping the cached copies', {
      serviceIds,
      error,
    });
  }
}

function missingFromReply(entry: ServiceEntry): InvalidReplyError {
  return new InvalidReplyError('discovery reply', {
    issues: [`no service ${entry.config.serviceId} in the reply`],
  });
}
