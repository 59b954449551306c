import type { DispatchQueue } from './dispatch-queue.js';
import type { ServiceChangeEvent } from './types.js';

interface Watcher {
  active: boolean;
  readonly deliver: (event: ServiceChangeEvent) => void;
  readonly complete: () => void;
}

/**
 * The listeners of each service, keyed like the cache. Deliveries go through one dispatch
 * queue, so they are asynchronous, ordered and one at a time; a watcher removed before its turn
 * is skipped, so nothing arrives after an unsubscribe.
 */
export class WatcherRegistry {
  readonly #watchers = new Map<string, Set<Watcher>>();
  readonly #queue: DispatchQueue;

  constructor(queue: DispatchQueue) {
    this.#queue = queue;
  }

  /** Number of watchers, of one service or of all of them. */
  count(key?: string): number {
    if (key !== undefined) return this.#watchers.get(key)?.size ?? 0;

    let total = 0;
    for (const set of this.#watchers.values()) total += set.size;
    return total;
  }

  /** Adds a watcher; the returned function removes it, and is true only on its first call. */
  add(
    key: string,
    deliver: (event: ServiceChangeEvent) => void,
    complete: () => void = () => undefined,
  ): () => boolean {
    const watcher: Watcher = { active: true, deliver, complete };
    let set = this.#watchers.get(key);
    if (!set) {
      set = new Set();
      this.#watchers.set(key, set);
    }
    set.add(watcher);

    return () => {
      if (!watcher.active) return false;
      watcher.active = false;
      set.delete(watcher);
      if (set.size === 0 && this.#watchers.get(key) === set) this.#watchers.delete(key);
      return true;
    };
  }

  /** Queues `events` for every watcher of the service, in order. */
  publish(key: string, events: readonly ServiceChangeEvent[]): void {
    const set = this.#watchers.get(key);
    if (!set || events.length === 0) return;

    for (const watcher of set) {
      for (const event of events) {
        this.#queue.enqueue(() => {
          if (watcher.active) watcher.deliver(event);
        });
      }
    }
  }

  /** Deactivates every watcher and completes it (used by close). */
  completeAll(): void {
    const all = [...this.#watchers.values()].flatMap(set => [...set]);
    this.#watchers.clear();
    for (const watcher of all) {
      watcher.active = false;
      watcher.complete();
    }
  }
}
