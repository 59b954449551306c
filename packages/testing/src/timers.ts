/** Owns a node's timers: every one is unref'd and all are cleared together on stop. */
export class TimerSet {
  readonly #timeouts = new Set<NodeJS.Timeout>();
  readonly #intervals = new Set<NodeJS.Timeout>();

  timeout(ms: number, callback: () => void): void {
    const timer = setTimeout(() => {
      this.#timeouts.delete(timer);
      callback();
    }, ms);
    timer.unref();
    this.#timeouts.add(timer);
  }

  interval(ms: number, callback: () => void): void {
    const timer = setInterval(callback, ms);
    timer.unref();
    this.#intervals.add(timer);
  }

  /** Resolves after `ms`, or never when the set is cleared first. */
  delay(ms: number): Promise<void> {
    return new Promise(resolve => this.timeout(ms, resolve));
  }

  clear(): void {
    for (const timer of this.#timeouts) clearTimeout(timer);
    for (const timer of this.#intervals) clearInterval(timer);
    this.#timeouts.clear();
    this.#intervals.clear();
  }
}
