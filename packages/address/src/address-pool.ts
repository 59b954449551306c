import type { RandomSource } from '@artemis/protocol';

import type { AddressSource, AddressState } from './address-types.js';

interface Entry {
  readonly url: string;
  readonly source: AddressSource;
  quarantinedUntil: number | undefined;
}

/** What a draw may not return, and how it chooses among the rest. */
export interface DrawOptions {
  now: number;
  /** Addresses the caller has already tried. */
  exclude?: ReadonlySet<string> | undefined;
  /** The address being left; chosen only when nothing else is usable. */
  avoid?: string | undefined;
  /** Random choice, or the next one in list order after `avoid`. */
  deterministic: boolean;
  random: RandomSource;
}

/**
 * The address list of one side with each address's health. It knows nothing of configuration,
 * events or timers; the manager drives it.
 */
export class AddressPool {
  #entries: Entry[] = [];
  #byUrl = new Map<string, Entry>();
  #nextExpiry = Number.POSITIVE_INFINITY;

  /** Epoch ms of the earliest quarantine end, Infinity when nothing is quarantined. */
  get nextExpiry(): number {
    return this.#nextExpiry;
  }

  get size(): number {
    return this.#entries.length;
  }

  urls(): string[] {
    return this.#entries.map(entry => entry.url);
  }

  has(url: string): boolean {
    return this.#byUrl.has(url);
  }

  /** Replaces the list; an address that stays keeps its quarantine. */
  replace(urls: readonly string[], source: AddressSource): void {
    const entries = urls.map(url => ({
      url,
      source,
      quarantinedUntil: this.#byUrl.get(url)?.quarantinedUntil,
    }));
    this.#entries = entries;
    this.#byUrl = new Map(entries.map(entry => [entry.url, entry]));
    this.#recomputeExpiry();
  }

  isHealthy(url: string, now: number): boolean {
    const until = this.#byUrl.get(url)?.quarantinedUntil;
    return until === undefined || until <= now;
  }

  /** Quarantines `url` until `until`. True when it was healthy before. */
  quarantine(url: string, until: number, now: number): boolean {
    const entry = this.#byUrl.get(url);
    if (!entry) return false;

    const wasHealthy = entry.quarantinedUntil === undefined || entry.quarantinedUntil <= now;
    entry.quarantinedUntil = until;
    this.#nextExpiry = Math.min(this.#nextExpiry, until);
    return wasHealthy;
  }

  /** Lifts the quarantine of `url`. True when it was quarantined. */
  release(url: string): boolean {
    const entry = this.#byUrl.get(url);
    if (entry?.quarantinedUntil === undefined) return false;

    entry.quarantinedUntil = undefined;
    this.#recomputeExpiry();
    return true;
  }

  /** Lifts every quarantine that has ended by `now` and returns those addresses. */
  releaseExpired(now: number): string[] {
    const released: string[] = [];
    for (const entry of this.#entries) {
      if (entry.quarantinedUntil !== undefined && entry.quarantinedUntil <= now) {
        entry.quarantinedUntil = undefined;
        released.push(entry.url);
      }
    }
    this.#recomputeExpiry();
    return released;
  }

  /**
   * Chooses an address: a healthy one that is neither excluded nor avoided; failing that a healthy
   * one that is not excluded; failing that the one whose quarantine ends first.
   */
  draw(options: DrawOptions): string | undefined {
    const { now, exclude, avoid } = options;
    const usable = (entry: Entry): boolean =>
      !exclude?.has(entry.url) &&
      (entry.quarantinedUntil === undefined || entry.quarantinedUntil <= now);

    const fresh = this.#entries.filter(entry => usable(entry) && entry.url !== avoid);
    if (fresh.length > 0) return this.#choose(fresh, options);

    const healthy = this.#entries.filter(usable);
    if (healthy.length > 0) return this.#choose(healthy, options);

    const notExcluded = this.#entries.filter(entry => !exclude?.has(entry.url));
    const pool = notExcluded.length > 0 ? notExcluded : this.#entries;
    return [...pool].sort((a, b) => (a.quarantinedUntil ?? 0) - (b.quarantinedUntil ?? 0))[0]?.url;
  }

  snapshot(now: number): AddressState[] {
    return this.#entries.map(entry => {
      const quarantined = entry.quarantinedUntil !== undefined && entry.quarantinedUntil > now;
      const state: AddressState = { url: entry.url, healthy: !quarantined, source: entry.source };
      if (quarantined) state.quarantinedUntil = entry.quarantinedUntil;
      return state;
    });
  }

  #choose(candidates: Entry[], options: DrawOptions): string | undefined {
    if (!options.deterministic) {
      const index = Math.floor(options.random() * candidates.length);
      return candidates[Math.min(index, candidates.length - 1)]?.url;
    }

    // Round-robin in list order, starting after the address being left.
    const start =
      options.avoid === undefined ? -1 : this.#entries.findIndex(e => e.url === options.avoid);
    for (let step = 1; step <= this.#entries.length; step++) {
      const entry = this.#entries[(start + step) % this.#entries.length];
      if (entry && candidates.includes(entry)) return entry.url;
    }
    return candidates[0]?.url;
  }

  #recomputeExpiry(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.#entries) {
      if (entry.quarantinedUntil !== undefined) next = Math.min(next, entry.quarantinedUntil);
    }
    this.#nextExpiry = next;
  }
}
