import type { ArtemisConfig, ConfigStore } from '@artemis/config';
import { redactUrl } from '@artemis/config';
import {
  ClientClosedError,
  systemClock,
  systemRandom,
  toSdkLogger,
  TypedEvents,
} from '@artemis/protocol';
import type { Clock, Logger, RandomSource, SdkLogger, TimerHandle } from '@artemis/protocol';

import { AddressPool } from './address-pool.js';
import type { AddressEvents, AddressSide, AddressState } from './address-types.js';
import { NoAddressError } from './errors.js';
import { refreshAddresses } from './refresh.js';
import type { RefreshResult } from './refresh.js';
import { normaliseUrls, UpNodesFetcher } from './up-nodes-fetcher.js';

/** Options of {@link AddressManager}. */
export interface AddressManagerOptions {
  /** The side this list serves: registry and discovery each have their own manager. */
  side: AddressSide;
  /**
   * Where tunables are read at use time: serverUrls, addressRefreshIntervalMs,
   * addressQuarantineMs, addressTtlMs, regionId, zoneId, tls, headers, timeouts.
   */
  config: ConfigStore;
  /** Receives warnings about failed refreshes. @default silent */
  logger?: Logger;
  /** Source of randomness for the start address and failover draws. @default Math.random */
  random?: RandomSource;
  /** Time and timers. @default the system clock, with unref'd timers */
  clock?: Clock;
  /** Start at the first address and move in list order, for tests. @default false */
  deterministicOrder?: boolean;
}

/** First-run spread of the first refresh, so clients started together do not call together. */
const FIRST_REFRESH_SPREAD_MS = 200;

/**
 * The server addresses of one side and their health: seeded from `serverUrls`, refreshed from the
 * cluster's up-nodes API, a random start per client, quarantine of failing addresses, and a fresh
 * draw after `addressTtlMs` so load spreads again after a node comes back.
 */
export class AddressManager {
  readonly events: TypedEvents<AddressEvents>;
  readonly side: AddressSide;

  readonly #config: ConfigStore;
  readonly #logger: SdkLogger;
  readonly #random: RandomSource;
  readonly #clock: Clock;
  readonly #deterministic: boolean;
  readonly #pool = new AddressPool();
  readonly #fetcher = new UpNodesFetcher();
  readonly #lifetime = new AbortController();

  #seedSource: readonly string[] | undefined;
  #seeds: string[] = [];
  #current: string | undefined;
  #currentSince = 0;
  #refreshTimer: TimerHandle | undefined;
  #quarantineTimer: TimerHandle | undefined;
  #quarantineTimerAt = Number.POSITIVE_INFINITY;
  #refreshing: Promise<RefreshResult> | undefined;
  #closed = false;

  constructor(options: AddressManagerOptions) {
    this.side = options.side;
    this.#config = options.config;
    this.#logger = toSdkLogger(options.logger, `address-${options.side}`);
    this.#random = options.random ?? systemRandom;
    this.#clock = options.clock ?? systemClock;
    this.#deterministic = options.deterministicOrder ?? false;
    this.events = new TypedEvents<AddressEvents>(
      (error, event) => this.#logger.warn('address event listener failed', { event, error }),
      { diagnostics: 'address' },
    );
    this.#syncSeeds(this.#config.current);
  }

  /** The sticky current base URL. Throws `ClientClosedError` after close. */
  current(): string {
    this.#assertOpen();
    const now = this.#clock.now();
    this.#syncSeeds(this.#config.current);
    if (now >= this.#pool.nextExpiry) this.#releaseExpired(now);

    const current = this.#current;
    if (current === undefined || !this.#pool.isHealthy(current, now)) {
      return this.#moveTo(
        this.#draw(now, undefined, current),
        current === undefined ? 'start' : 'failover',
        now,
      );
    }
    if (now - this.#currentSince >= this.#config.current.addressTtlMs) {
      // Re-balance: a fresh draw that may land on the same address, as the Java client does.
      return this.#moveTo(this.#draw(now, undefined, undefined), 'rebalance', now);
    }
    return current;
  }

  /** Draws another healthy address, avoiding `exclude` and the current one; it becomes current. */
  next(exclude?: ReadonlySet<string>): string {
    this.#assertOpen();
    const now = this.#clock.now();
    this.#syncSeeds(this.#config.current);
    if (now >= this.#pool.nextExpiry) this.#releaseExpired(now);

    return this.#moveTo(this.#draw(now, exclude, this.#current), 'failover', now);
  }

  /** Quarantines `url` for `addressQuarantineMs`; if it was current, the current address moves. */
  markDown(url: string, reason = 'failed'): void {
    if (this.#closed || !this.#pool.has(url)) return;

    const now = this.#clock.now();
    const until = now + this.#config.current.addressQuarantineMs;
    if (this.#pool.quarantine(url, until, now)) {
      this.events.emit('address-down', { side: this.side, url: redactUrl(url), reason });
      this.#logger.warn('address quarantined', { url: redactUrl(url), reason });
    }
    this.#scheduleQuarantineEnd();

    if (this.#current === url) this.#moveTo(this.#draw(now, undefined, url), 'failover', now);
  }

  /** Lifts the quarantine of `url` after a successful call. */
  markUp(url: string): void {
    if (this.#closed) return;
    if (this.#pool.release(url))
      this.events.emit('address-up', { side: this.side, url: redactUrl(url) });
  }

  /** Every address with its health. URLs are as configured (not redacted). */
  snapshot(): AddressState[] {
    const now = this.#clock.now();
    if (now >= this.#pool.nextExpiry) this.#releaseExpired(now);
    return this.#pool.snapshot(now);
  }

  /**
   * Refreshes the list from the up-nodes API: a non-empty answer replaces the list, a failed or
   * empty one keeps it, a 404 (no such API, as on Rust servers) falls back to the seeds.
   * Concurrent calls share one refresh.
   */
  refresh(signal?: AbortSignal): Promise<RefreshResult> {
    this.#assertOpen();
    this.#refreshing ??= this.#runRefresh(signal).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Starts periodic refreshes every `addressRefreshIntervalMs` (the first one at once). */
  start(): void {
    this.#assertOpen();
    if (this.#refreshTimer) return;
    this.#scheduleRefresh(Math.floor(this.#random() * FIRST_REFRESH_SPREAD_MS));
  }

  /** Stops every timer and aborts a refresh in flight. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;

    this.#refreshTimer?.cancel();
    this.#quarantineTimer?.cancel();
    this.#lifetime.abort(new ClientClosedError('address manager'));
    await this.#refreshing?.catch(() => undefined);
    await this.#fetcher.close();
  }

  async #runRefresh(signal?: AbortSignal): Promise<RefreshResult> {
    const config = this.#config.current;
    const signals = signal
      ? AbortSignal.any([signal, this.#lifetime.signal])
      : this.#lifetime.signal;
    const candidates = normaliseUrls([...this.#pool.urls(), ...this.#seeds]);

    const result = await refreshAddresses(candidates, url =>
      this.#fetcher.fetch(url, this.side, config, signals),
    );
    if (this.#closed) return result;

    if (result.kind === 'updated') this.#replaceList(result.urls, 'cluster');
    if (result.kind === 'fallback') this.#replaceList(this.#seeds, 'seed');
    if (result.kind === 'failed') {
      this.events.emit('refresh-failed', { side: this.side, error: result.error });
      this.#logger.warn('address refresh failed, keeping the list', {
        error: String(result.error),
      });
    }
    return result;
  }

  #scheduleRefresh(delayMs: number): void {
    this.#refreshTimer = this.#clock.setTimeout(() => {
      if (this.#closed) return;
      void this.refresh()
        .catch(() => undefined)
        .finally(() => {
          if (!this.#closed) this.#scheduleRefresh(this.#config.current.addressRefreshIntervalMs);
        });
    }, delayMs);
  }

  #scheduleQuarantineEnd(): void {
    const at = this.#pool.nextExpiry;
    if (!Number.isFinite(at) || at >= this.#quarantineTimerAt) return;

    this.#quarantineTimer?.cancel();
    this.#quarantineTimerAt = at;
    this.#quarantineTimer = this.#clock.setTimeout(() => {
      this.#quarantineTimerAt = Number.POSITIVE_INFINITY;
      if (this.#closed) return;
      this.#releaseExpired(this.#clock.now());
      this.#scheduleQuarantineEnd();
    }, at - this.#clock.now());
  }

  #releaseExpired(now: number): void {
    for (const url of this.#pool.releaseExpired(now)) {
      this.events.emit('address-up', { side: this.side, url: redactUrl(url) });
    }
  }

  /** Follows a changed `serverUrls` in the config store; the seeds are the list until a refresh. */
  #syncSeeds(config: ArtemisConfig): void {
    if (config.serverUrls === this.#seedSource) return;

    this.#seedSource = config.serverUrls;
    this.#seeds = normaliseUrls(config.serverUrls);
    this.#replaceList(this.#seeds, 'seed');
  }

  #replaceList(urls: readonly string[], source: 'seed' | 'cluster'): void {
    const previous = this.#pool.urls();
    const same = previous.length === urls.length && previous.every((url, i) => url === urls[i]);
    this.#pool.replace(urls, source);
    if (same) return;

    this.events.emit('list-changed', {
      side: this.side,
      urls: urls.map(redactUrl),
      previous: previous.map(redactUrl),
    });
    if (this.#current !== undefined && !this.#pool.has(this.#current)) {
      const now = this.#clock.now();
      this.#moveTo(this.#draw(now, undefined, undefined), 'list-changed', now);
    }
  }

  #draw(now: number, exclude: ReadonlySet<string> | undefined, avoid: string | undefined): string {
    const url = this.#pool.draw({
      now,
      exclude,
      avoid,
      deterministic: this.#deterministic,
      random: this.#random,
    });
    if (url === undefined) throw new NoAddressError(this.side);
    return url;
  }

  #moveTo(url: string, reason: AddressEvents['current-changed']['reason'], now: number): string {
    const previous = this.#current;
    this.#current = url;
    this.#currentSince = now;
    if (previous !== url) {
      this.events.emit('current-changed', {
        side: this.side,
        url: redactUrl(url),
        previous: previous === undefined ? undefined : redactUrl(previous),
        reason,
      });
    }
    return url;
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClientClosedError('address manager');
  }
}
