import { systemClock } from '@artemis/protocol';
import type { Clock } from '@artemis/protocol';

const TOKEN_SLACK = 1e-9;

/** Options of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries earned per call: 0.1 lets retries add at most 10% to the traffic. @default 0.1 */
  ratio?: number;
  /** Retries allowed per second whatever the traffic, so a quiet client can still retry. @default 1 */
  minRetriesPerSecond?: number;
  /** Most retries that can be saved up. @default 20 */
  maxTokens?: number;
}

/**
 * A token bucket that bounds retries: each call deposits `ratio` of a token, time deposits
 * `minRetriesPerSecond`, each retry withdraws one. In an outage, when every call fails, retries
 * are limited to about `ratio` of the calls plus the floor, instead of multiplying the load by
 * the attempt count.
 */
export class RetryBudget {
  readonly #ratio: number;
  readonly #perMs: number;
  readonly #maxTokens: number;
  readonly #clock: Clock;
  #tokens: number;
  #updatedAt: number;

  constructor(options: RetryBudgetOptions = {}, clock: Clock = systemClock) {
    this.#ratio = options.ratio ?? 0.1;
    this.#perMs = (options.minRetriesPerSecond ?? 1) / 1000;
    this.#maxTokens = options.maxTokens ?? 20;
    this.#clock = clock;
    this.#tokens = this.#maxTokens;
    this.#updatedAt = clock.now();
  }

  /** Records a call (first attempts only). */
  deposit(): void {
    const tokens = this.#tokens + this.#ratio;
    this.#tokens = tokens > this.#maxTokens ? this.#maxTokens : tokens;
  }

  /** Takes one retry from the budget; false when there is none left. */
  tryWithdraw(): boolean {
    this.#refill();
    // Deposits of 0.1 add up to 0.9999… after ten calls; the slack keeps that a whole token.
    if (this.#tokens < 1 - TOKEN_SLACK) return false;

    this.#tokens = Math.max(0, this.#tokens - 1);
    return true;
  }

  /** Tokens available now. */
  get available(): number {
    this.#refill();
    return this.#tokens;
  }

  #refill(): void {
    const now = this.#clock.now();
    const elapsed = now - this.#updatedAt;
    this.#updatedAt = now;
    if (elapsed > 0) this.#tokens = Math.min(this.#maxTokens, this.#tokens + elapsed * this.#perMs);
  }
}
