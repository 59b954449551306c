import type { Clock, TimerHandle } from '@artemis/protocol';

/** What a liveness check needs from its socket and its config. */
export interface LivenessOptions {
  clock: Clock;
  /** Read before each ping, so a config change applies to the next one. */
  intervalMs: () => number;
  /** Read when a ping is sent. */
  timeoutMs: () => number;
  /** Sends a WebSocket ping frame. */
  ping: () => void;
  /** Called once when a ping got no pong in time: the socket is half-open. */
  onDead: () => void;
}

/**
 * Proves that a socket is alive: every `intervalMs` it sends a ping and expects the pong within
 * `timeoutMs`. A socket whose peer vanished without a FIN (a half-open socket) never errors on its
 * own; this is what catches it.
 */
export class Liveness {
  readonly #options: LivenessOptions;
  #nextPing: TimerHandle | undefined;
  #deadline: TimerHandle | undefined;
  #stopped = false;

  constructor(options: LivenessOptions) {
    this.#options = options;
  }

  start(): void {
    this.#scheduleNextPing();
  }

  /** The peer answered: clear the deadline and plan the next ping. */
  pong(): void {
    if (this.#stopped || !this.#deadline) return;

    this.#deadline.cancel();
    this.#deadline = undefined;
    this.#scheduleNextPing();
  }

  stop(): void {
    this.#stopped = true;
    this.#nextPing?.cancel();
    this.#deadline?.cancel();
    this.#nextPing = undefined;
    this.#deadline = undefined;
  }

  #scheduleNextPing(): void {
    if (this.#stopped) return;

    this.#nextPing = this.#options.clock.setTimeout(() => this.#ping(), this.#options.intervalMs());
  }

  #ping(): void {
    if (this.#stopped) return;

    this.#nextPing = undefined;
    this.#deadline = this.#options.clock.setTimeout(() => {
      this.stop();
      this.#options.onDead();
    }, this.#options.timeoutMs());
    try {
      this.#options.ping();
    } catch {
      // A ping on a closing socket throws; the deadline then reports the socket as dead.
    }
  }
}
