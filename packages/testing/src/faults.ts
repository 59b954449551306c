import type { GarbageKind } from './types.js';

/** Options of `faults.failNext`. */
export interface FailNextOptions {
  /** Also refuse WebSocket upgrade requests with the status. @default false */
  includeUpgrades?: boolean;
  /** A `Retry-After` header on those replies: seconds, or an HTTP date. @default none */
  retryAfter?: number | string;
}

interface FaultHooks {
  closeSockets(code: number, reason: string): void;
  clearState(): void;
}

/**
 * The faults one emulator node can be told to show. Every switch stays on until turned off;
 * `reset()` turns them all off.
 */
export class EmulatorFaults {
  #serviceUnavailable = false;
  #failCount = 0;
  #failStatus = 503;
  #failUpgrades = false;
  #retryAfter: string | undefined;
  #latencyMs = 0;
  #stalled = false;
  #dropPushes = false;
  #garbage: GarbageKind | null = null;
  readonly #hooks: FaultHooks;

  constructor(hooks: FaultHooks) {
    this.#hooks = hooks;
  }

  /**
   * The node reports itself not up. Java: HTTP 200 with `fail` / `service-unavailable` on
   * registry, discovery and heartbeat calls, and other nodes leave it out of the up-nodes lists.
   * Rust: HTTP 503 on every route.
   */
  serviceUnavailable(on = true): void {
    this.#serviceUnavailable = on;
  }

  /** The next `count` HTTP requests are answered with `status` and a short text body. */
  failNext(count: number, status = 503, options: FailNextOptions = {}): void {
    this.#failCount = Math.max(0, Math.floor(count));
    this.#failStatus = status;
    this.#failUpgrades = options.includeUpgrades ?? false;
    this.#retryAfter = options.retryAfter === undefined ? undefined : String(options.retryAfter);
  }

  /** Adds `ms` milliseconds before every HTTP reply and every WebSocket frame sent. 0 turns it off. */
  latency(ms: number): void {
    this.#latencyMs = Math.max(0, ms);
  }

  /**
   * The node accepts connections and frames but never answers: no HTTP reply, no upgrade, no
   * WebSocket reply, no push and no pong.
   */
  stall(on = true): void {
    this.#stalled = on;
  }

  /** Closes every open WebSocket with `code` (1000 by default). */
  closeSockets(code = 1000, reason = ''): void {
    this.#hooks.closeSockets(code, reason);
  }

  /** Java instance-change pushes are silently dropped while on. */
  dropPushes(on = true): void {
    this.#dropPushes = on;
  }

  /** Forgets every lease without emitting changes, as a restart that lost its data. */
  clearState(): void {
    this.#hooks.clearState();
  }

  /** Replaces every HTTP reply body and WebSocket frame sent with garbage of `kind`; null stops. */
  garbage(kind: GarbageKind | null): void {
    this.#garbage = kind;
  }

  /** Turns every fault off. */
  reset(): void {
    this.#serviceUnavailable = false;
    this.#failCount = 0;
    this.#failUpgrades = false;
    this.#latencyMs = 0;
    this.#stalled = false;
    this.#dropPushes = false;
    this.#garbage = null;
  }

  get isServiceUnavailable(): boolean {
    return this.#serviceUnavailable;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** The `Retry-After` header of planned failures, if any. */
  get retryAfter(): string | undefined {
    return this.#retryAfter;
  }

  get isStalled(): boolean {
    return this.#stalled;
  }

  get isDroppingPushes(): boolean {
    return this.#dropPushes;
  }

  get garbageKind(): GarbageKind | null {
    return this.#garbage;
  }

  /** Takes one planned failure, if any is left; returns its HTTP status. */
  takeFailure(isUpgrade: boolean): number | undefined {
    if (this.#failCount === 0 || (isUpgrade && !this.#failUpgrades)) return undefined;

    this.#failCount -= 1;
    return this.#failStatus;
  }
}
