import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';

/**
 * Samples event-loop delay between heartbeats, so a stalled process is visible in the beat it
 * delayed. Node's histogram timer does not keep the process alive; `close` stops it anyway.
 */
export class EventLoopDelaySampler {
  #histogram: IntervalHistogram | undefined;

  constructor(resolutionMs = 20) {
    try {
      this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs });
      this.#histogram.enable();
    } catch {
      // Not available on this runtime: beats then report timer drift alone.
      this.#histogram = undefined;
    }
  }

  /** The longest delay since the last call, in milliseconds; resets the window. */
  takeMaxMs(): number {
    const histogram = this.#histogram;
    if (!histogram || histogram.count === 0) return 0;

    const maxMs = histogram.max / 1e6;
    histogram.reset();
    return Math.round(maxMs * 1000) / 1000;
  }

  close(): void {
    this.#histogram?.disable();
    this.#histogram = undefined;
  }
}
