import type { Clock, RandomSource, TimerHandle } from '@artemis/protocol';

/** Share of an interval the first beat may come early by, so clients started together spread. */
const FIRST_BEAT_JITTER = 0.2;

/**
 * When heartbeats run: the first one interval (less up to 20 % jitter) after `start`, then one
 * interval after the previous beat started, never two at once. The interval is read at every
 * scheduling, and `intervalChanged` moves a pending beat at once, so a new interval applies from
 * the next beat.
 */
export class HeartbeatSchedule {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #intervalMs: () => number;
  readonly #beat: (timerDriftMs: number) => Promise<void>;
  #active = false;
  #timer: TimerHandle | undefined;
  #dueAt = 0;
  // The pending beat is due `#factor` intervals after `#anchorAt`: the start time and the
  // jitter factor for the first beat, the previous beat's start and 1 afterwards.
  #anchorAt = 0;
  #factor = 1;
  #inFlight: Promise<void> | undefined;

  constructor(
    clock: Clock,
    random: RandomSource,
    intervalMs: () => number,
    beat: (timerDriftMs: number) => Promise<void>,
  ) {
    this.#clock = clock;
    this.#random = random;
    this.#intervalMs = intervalMs;
    this.#beat = beat;
  }

  get active(): boolean {
    return this.#active;
  }

  /** Starts beating if it is not already; the first beat comes after about one interval. */
  start(): void {
    if (this.#active) return;

    this.#active = true;
    if (this.#inFlight) return;

    this.#anchorAt = this.#clock.now();
    this.#factor = 1 - FIRST_BEAT_JITTER * this.#random();
    this.#arm();
  }

  /** Stops scheduling beats; a beat already running finishes (see `settled`). */
  stop(): void {
    this.#active = false;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** Re-times a pending beat after a change of interval. */
  intervalChanged(): void {
    if (!this.#active || !this.#timer) return;

    this.#timer.cancel();
    this.#arm();
  }

  /** Resolves when no beat is running. */
  async settled(): Promise<void> {
    await this.#inFlight;
  }

  #arm(): void {
    const delay = Math.max(
      0,
      this.#anchorAt + this.#factor * this.#intervalMs() - this.#clock.now(),
    );
    this.#dueAt = this.#clock.now() + delay;
    this.#timer = this.#clock.setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    if (!this.#active) return;

    const startedAt = this.#clock.now();
    this.#anchorAt = startedAt;
    this.#factor = 1;
    const drift = Math.max(0, startedAt - this.#dueAt);

    this.#inFlight = this.#beat(drift)
      .catch(() => undefined)
      .finally(() => {
        this.#inFlight = undefined;
        if (this.#active && !this.#timer) {
          this.#arm();
        }
      });
  }
}
