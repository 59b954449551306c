/**
 * A sliding-window limit on connection attempts: at most `limit` attempts inside any window of
 * `windowMs`. Over budget the caller waits for the oldest attempt to leave the window instead of
 * hammering a struggling server. Both numbers are passed on each call, so a config change applies
 * at once.
 */
export class ReconnectBudget {
  readonly #attempts: number[] = [];

  /** Milliseconds to wait before the next attempt fits into the budget; 0 when it fits now. */
  waitMs(now: number, limit: number, windowMs: number): number {
    this.#forgetBefore(now - windowMs);
    if (this.#attempts.length < limit) return 0;

    const oldestThatMustLeave = this.#attempts[this.#attempts.length - limit] ?? now;
    return Math.max(0, oldestThatMustLeave + windowMs - now);
  }

  /** Counts one attempt made at `now`. */
  record(now: number): void {
    this.#attempts.push(now);
  }

  /** Attempts still inside the window that ends at `now`. */
  used(now: number, windowMs: number): number {
    this.#forgetBefore(now - windowMs);
    return this.#attempts.length;
  }

  #forgetBefore(cutoff: number): void {
    while (this.#attempts.length > 0 && (this.#attempts[0] ?? 0) <= cutoff) this.#attempts.shift();
  }
}
