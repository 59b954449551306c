/** Counts calls per identity over a sliding window, as caravan's limiter does. */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #calls = new Map<string, number[]>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one call; false once the identity is over its limit inside the window. */
  allow(identity: string, now: number): boolean {
    const recent = (this.#calls.get(identity) ?? []).filter(at => now - at < this.#windowMs);
    recent.push(now);
    this.#calls.set(identity, recent);
    return recent.length <= this.#limit;
  }
}
