import type { EmulatorStore } from '../store.js';
import type { TimerSet } from '../timers.js';

/** Java's self-preservation settings, every one given. */
export interface LeaseSafetySettings {
  windowMs: number;
  maxCountThreshold: number;
  percentageThreshold: number;
  maxCountResetIntervalMs: number;
  checkIntervalMs: number;
}

const BUCKET_MS = 1000;

/**
 * Java's lease-update safe checker: it counts renewals over a sliding window in one-second
 * buckets and remembers the largest count. Once that maximum reaches the threshold, a window
 * whose count falls below the percentage of it makes the node "unsafe", and the cleaner keeps
 * expired leases (still served by discovery) until renewals recover.
 */
export class LeaseSafety {
  readonly #settings: LeaseSafetySettings;
  readonly #store: EmulatorStore;
  /** Renewal counts per one-second bucket (epoch ms divided by 1000). */
  readonly #buckets = new Map<number, number>();
  #maxCount = 0;
  #maxCountUpdatedAt: number;
  #safe = true;
  #unsubscribe: (() => void) | undefined;

  constructor(settings: LeaseSafetySettings, store: EmulatorStore) {
    this.#settings = settings;
    this.#store = store;
    this.#maxCountUpdatedAt = store.now();
  }

  get isSafe(): boolean {
    return this.#safe;
  }

  /** Counts renewals from every node of the cluster and checks on the configured period. */
  start(timers: TimerSet): void {
    this.#unsubscribe = this.#store.onRenew(() => this.#markUpdate());
    timers.interval(this.#settings.checkIntervalMs, () => this.#check());
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #markUpdate(): void {
    const bucket = Math.floor(this.#store.now() / BUCKET_MS);
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1);
  }

  #countInWindow(now: number): number {
    const oldest = Math.floor((now - this.#settings.windowMs) / BUCKET_MS);
    let count = 0;
    for (const [bucket, bucketCount] of this.#buckets) {
      if (bucket <= oldest) this.#buckets.delete(bucket);
      else count += bucketCount;
    }
    return count;
  }

  #check(): void {
    const now = this.#store.now();
    const count = this.#countInWindow(now);
    if (count > this.#maxCount) {
      this.#setMaxCount(count, now);
      return;
    }
    if (this.#maxCount < this.#settings.maxCountThreshold || this.#maxCount <= 0) return;

    const percentage = Math.floor((count * 100) / this.#maxCount);
    if (percentage < this.#settings.percentageThreshold) {
      this.#safe = false;
      return;
    }

    this.#safe = true;
    if (now - this.#maxCountUpdatedAt > this.#settings.maxCountResetIntervalMs) {
      this.#setMaxCount(count, now);
    }
  }

  #setMaxCount(count: number, now: number): void {
    this.#maxCount = count;
    this.#maxCountUpdatedAt = now;
  }
}
