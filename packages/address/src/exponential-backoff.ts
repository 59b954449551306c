import { systemRandom } from '@artemis/protocol';
import type { RandomSource } from '@artemis/protocol';

/** How a delay is spread around its exponential value. */
export type JitterKind = 'full' | 'equal' | 'none';

/** Options of {@link ExponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** Delay before the first retry, in milliseconds, before jitter. */
  initialMs: number;
  /** Upper bound of any delay, in milliseconds. */
  maxMs: number;
  /** Growth factor per attempt. @default 2 */
  multiplier?: number;
  /**
   * `'full'`: uniform in [0, d]; `'equal'`: uniform in [d/2, d]; `'none'`: exactly d.
   * @default 'full'
   */
  jitter?: JitterKind;
  /** Source of randomness, injectable so tests are deterministic. @default Math.random */
  random?: RandomSource;
}

/**
 * Capped exponential backoff with jitter, shared by HTTP retries, WebSocket reconnects and address
 * refreshes. Jitter keeps clients that failed together from coming back in lock-step, which is what
 * turns a server restart into a thundering herd.
 */
export class ExponentialBackoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #multiplier: number;
  readonly #jitter: JitterKind;
  readonly #random: RandomSource;

  constructor(options: ExponentialBackoffOptions) {
    this.#initialMs = Math.max(0, options.initialMs);
    this.#maxMs = Math.max(this.#initialMs, options.maxMs);
    this.#multiplier = Math.max(1, options.multiplier ?? 2);
    this.#jitter = options.jitter ?? 'full';
    this.#random = options.random ?? systemRandom;
  }

  /** The delay before retry number `attempt` (0 = the first retry), in milliseconds. */
  delayFor(attempt: number): number {
    const exponent = Math.max(0, Math.floor(attempt));

    // Computed in a way that cannot overflow to Infinity or NaN after many attempts.
    const growth = Math.pow(this.#multiplier, Math.min(exponent, 64));
    const ceiling = Math.min(this.#maxMs, this.#initialMs * growth);
    const capped = Number.isFinite(ceiling) ? ceiling : this.#maxMs;

    switch (this.#jitter) {
      case 'none':
        return capped;
      case 'equal':
        return Math.round(capped / 2 + this.#random() * (capped / 2));
      case 'full':
        return Math.round(this.#random() * capped);
    }
  }
}
