import type { Clock, TimerHandle } from '@artemis/protocol';

import { delayUntilDue, planRefresh } from './refresh-plan.js';
import type { RefreshClock } from './refresh-plan.js';
import type { ServiceEntry } from './service-entry.js';
import type { DiscoveryConfigSource } from './types.js';

/** What the loop needs from the client. */
export interface RefreshLoopOptions {
  clock: Clock;
  config: DiscoveryConfigSource;
  canPush: () => boolean;
  entries: () => Iterable<ServiceEntry>;
  /** Fetches the given entries; must not reject. */
  refresh: (entries: ServiceEntry[]) => Promise<void>;
}

/**
 * The polling safety net: one owned, unref'd timer that wakes when a refresh is due, fetches
 * what is due in one batch, waits for it, and arms itself again. Timings are read from the
 * config at every tick, so a config update takes effect at the next one.
 */
export class RefreshLoop {
  readonly #options: RefreshLoopOptions;
  readonly #due: RefreshClock;
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(options: RefreshLoopOptions) {
    this.#options = options;
    const now = options.clock.now();
    const timings = options.config.current;
    this.#due = {
      nextPollAt: now + timings.discoveryPollIntervalMs,
      nextReloadAt: now + timings.discoveryReloadIntervalMs,
    };
  }

  get cacheTtlMs(): number {
    return this.#options.config.current.discoveryCacheTtlMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(): void {
    if (!this.#running) return;
    const { clock } = this.#options;
    const delay = delayUntilDue(this.#due, clock.now());
    this.#timer = clock.setTimeout(() => void this.#tick(), delay);
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    if (!this.#running) return;

    const { clock, config, canPush, entries, refresh } = this.#options;
    const due = planRefresh(entries(), this.#due, config.current, canPush(), clock.now());
    if (due.length > 0) await refresh(due);
    this.#arm();
  }
}
