import type { Clock, SdkLogger, TimerHandle, TypedEvents } from '@artemis/protocol';

import { SnapshotError } from '../errors.js';
import { cacheKeyOf } from '../service-config.js';
import type { ServiceEntry } from '../service-entry.js';
import type { DiscoveryEvents } from '../types.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format.js';
import type { SavedService } from './snapshot-format.js';
import type { SnapshotStore } from './snapshot-store.js';

/** The snapshot settings of a discovery client. */
export interface SnapshotOptions {
  /** Where the snapshot is kept; `fileSnapshotStore(path)` keeps it in a file. */
  store: SnapshotStore;
  /**
   * How long after a change the snapshot is written, in ms, so that a burst of changes makes one
   * write. @default 10000
   */
  saveDelayMs?: number;
}

export interface SnapshotKeeperOptions extends SnapshotOptions {
  clock: Clock;
  logger: SdkLogger;
  events: TypedEvents<DiscoveryEvents>;
  /** The cache's entries, read at save time. */
  entries: () => Iterable<ServiceEntry>;
}

const DEFAULT_SAVE_DELAY_MS = 10_000;

/**
 * Keeps a snapshot of the cache for the next run: it is read once, when a service that was never
 * fetched cannot be fetched, and written a while after the cache changed and on close. Services
 * of the old snapshot that this run does not track are kept in the new one.
 */
export class SnapshotKeeper {
  readonly #options: SnapshotKeeperOptions;
  readonly #saveDelayMs: number;
  readonly #stopListening: Array<() => void>;
  #saved: Promise<Map<string, SavedService>> | undefined;
  #timer: TimerHandle | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: SnapshotKeeperOptions) {
    this.#options = options;
    this.#saveDelayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    const changed = (): void => this.#scheduleSave();
    this.#stopListening = [
      options.events.on('refreshed', changed),
      options.events.on('change', changed),
    ];
  }

  /** The saved copy of a service, by cache key; undefined when the snapshot has none. */
  async restore(key: string): Promise<SavedService | undefined> {
    return (await this.#load()).get(key);
  }

  /** Writes what changed since the last save, then stops. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;

    for (const stop of this.#stopListening) stop();
    const pending = this.#timer !== undefined;
    this.#timer?.cancel();
    this.#timer = undefined;
    if (pending) await this.#save();
    await this.#writing;
  }

  #scheduleSave(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#save();
    }, this.#saveDelayMs);
  }

  /** The saved services; read once, and an unreadable snapshot counts as an empty one. */
  #load(): Promise<Map<string, SavedService>> {
    this.#saved ??= this.#read();
    return this.#saved;
  }

  async #read(): Promise<Map<string, SavedService>> {
    try {
      const text = await this.#options.store.load();
      const services = text === undefined ? [] : decodeSnapshot(text);
      return new Map(services.map(saved => [cacheKeyOf(saved.service.serviceId), saved]));
    } catch (error) {
      return this.#failed('load', error);
    }
  }

  /** Saves one at a time, so an older write cannot land after a newer one. */
  #save(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#write());
    return this.#writing;
  }

  /** Never rejects: a snapshot that cannot be written is reported, and the next save tries again. */
  async #write(): Promise<void> {
    try {
      const services = new Map(await this.#load());
      for (const entry of this.#options.entries()) {
        if (!entry.ready || entry.restored) continue;
        services.set(entry.key, {
          service: {
            ...entry.extras,
            serviceId: entry.config.serviceId,
            instances: entry.records.list(),
          },
          savedAt: entry.lastSuccessAt,
        });
      }

      await this.#options.store.save(encodeSnapshot(services.values()));
      this.#saved = Promise.resolve(services);
    } catch (error) {
      this.#failed('save', error);
    }
  }

  /** Reports a failure and goes on as if there were no snapshot. */
  #failed(operation: 'load' | 'save', cause: unknown): Map<string, SavedService> {
    const error = new SnapshotError(operation, { cause });
    this.#options.logger.warn(error.message, { error: cause });
    this.#options.events.emit('snapshot-failed', { operation, error });
    return new Map();
  }
}
