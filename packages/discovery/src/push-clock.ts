/**
 * Places pushed changes on the client's clock, so they can be ordered against fetches, which
 * are stamped with the time their request left. A push only carries its `changeTime` on the
 * server's clock, and the two clocks may be minutes or hours apart.
 *
 * Each push gives a sample of `receivedAt - changeTime`: the offset between the clocks plus the
 * time the push spent on its way. That time is never negative, so the smallest sample of the
 * session is the best estimate of the offset, and a push is placed at `changeTime` plus that
 * estimate: never later than its arrival, and earlier when it was delayed.
 */
export class PushClock {
  #offset = Number.POSITIVE_INFINITY;

  /** The client time of a change the server stamped `changeTime`, which arrived at `receivedAt`. */
  localTimeOf(changeTime: number, receivedAt: number): number {
    this.#offset = Math.min(this.#offset, receivedAt - changeTime);
    return changeTime + this.#offset;
  }

  /** Forgets the estimate: the next session may be served by a node with another clock. */
  reset(): void {
    this.#offset = Number.POSITIVE_INFINITY;
  }
}
