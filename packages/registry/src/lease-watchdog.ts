import type { Clock } from '@artemis/protocol';

/**
 * Tracks the time since the last acknowledged heartbeat. Near the TTL (one interval before it)
 * the current node is due to be marked down, so the next beat tries another node while the
 * lease still holds; past the TTL the server has surely dropped the lease, so everything is due
 * to be registered again.
 */
export class LeaseWatchdog {
  readonly #clock: Clock;
  #lastAckAt: number;
  #lastMarkDownAt: number | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#lastAckAt = clock.now();
  }

  /** Records an answer from the server, sent at `sentAt` (epoch ms). */
  acknowledged(sentAt: number): void {
    this.#lastAckAt = Math.max(this.#lastAckAt, sentAt);
    this.#lastMarkDownAt = undefined;
  }

  /** Starts a fresh watch, as when the first instance was just registered. */
  reset(): void {
    this.#lastAckAt = this.#clock.now();
    this.#lastMarkDownAt = undefined;
  }

  sinceAckMs(): number {
    return this.#clock.now() - this.#lastAckAt;
  }

  /** True when the node should be marked down; at most once per `ttl - interval` of silence. */
  shouldMarkDown(ttlMs: number, intervalMs: number): boolean {
    const threshold = Math.max(intervalMs, ttlMs - intervalMs);
    const since = this.#clock.now() - Math.max(this.#lastAckAt, this.#lastMarkDownAt ?? 0);
    return since >= threshold;
  }

  markedDown(): void {
    this.#lastMarkDownAt = this.#clock.now();
  }

  /** True once no heartbeat was acknowledged for a whole TTL. */
  leaseSurelyLost(ttlMs: number): boolean {
    return this.sinceAckMs() >= ttlMs;
  }
}
