/**
 * Counts calls per identity over a sliding window, as caravan's limiter does: a call over the
 * limit is rejected and not counted, so a client that keeps retrying gets through as soon as the
 * window has room again.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #calls = new Map<string, number[]>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one call; false (and not counted) once the identity is at its limit in the window. */
  allow(identity: string, now: number): boolean {
    const recent = (this.#calls.get(identity) ?? []).filter(at => now - at < this.#windowMs);
    this.#calls.set(identity, recent);
    if (recent.length >= this.#limit) return false;

    recent.push(now);
    return true;
  }
}
