import type { ConfigStore } from '@artemis/config';
import { FilterChain } from '@artemis/filters';
import type { FilterInput } from '@artemis/filters';
import {
  ArtemisAbortError,
  ClientClosedError,
  deriveSignal,
  instanceIdentity,
  pause,
  systemClock,
  systemRandom,
  throwIfAborted,
  toSdkLogger,
  TypedEvents,
} from '@artemis/protocol';
import type {
  Clock,
  Logger,
  RandomSource,
  RegistrationInstance,
  SdkLogger,
} from '@artemis/protocol';

import { RegistrationFailedError, UnregisterFailedError } from './errors.js';
import { EventLoopDelaySampler } from './event-loop-delay.js';
import { applyHealthRound, StatusFollower } from './health-check.js';
import type { HealthCheck } from './health-check.js';
import { HeartbeatSchedule } from './heartbeat-schedule.js';
import { LeaseWatchdog } from './lease-watchdog.js';
import type { RegistryEvents } from './registry-events.js';
import { runHeartbeat } from './run-heartbeat.js';
import type { RegistryNodes, RegistryTransport } from './registry-transport.js';
import { validateInstances } from './validate-instances.js';

/** How much the process stalled, as beats measure it. */
interface StallFigures {
  eventLoopDelayMs: number;
  timerDriftMs: number;
}

const NO_STALL: StallFigures = { eventLoopDelayMs: 0, timerDriftMs: 0 };

/** Options of a {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** How register, heartbeat and unregister reach the server (see `createRegistryTransport`). */
  transport: RegistryTransport;
  /** Source of `heartbeatIntervalMs`, `heartbeatTtlMs` and `shutdownTimeoutMs`, read live. */
  config: ConfigStore;
  /** The registry-side address manager; the watchdog marks its current node down. @default none */
  addresses?: RegistryNodes;
  /**
   * Registry filters, run on every heartbeat batch and every registration, never on unregister.
   * An instance a filter removes gets no heartbeat and lapses on the server by TTL; once let
   * through again it is registered again. @default no filters
   */
  filters?: FilterChain<RegistrationInstance> | ReadonlyArray<FilterInput<RegistrationInstance>>;
  /**
   * Makes registered statuses follow the application's health: asked before every heartbeat for
   * each instance's status, with half the heartbeat interval to answer. A changed status is
   * registered at that beat (and again at each beat until the server accepts it); a check that
   * fails or is late keeps the status and is reported. @default none: statuses change only by
   * `register`
   */
  healthCheck?: HealthCheck;
  /** Logger for what goes wrong in the background. @default silent */
  logger?: Logger;
  /** Time source; tests may drive it by hand. @default the system clock (unref'd timers) */
  clock?: Clock;
  /** Source of the first-beat jitter. @default Math.random */
  random?: RandomSource;
}

/** What `register` did. */
export interface RegisterResult {
  /** Accepted by the server and kept alive from now on. */
  registered: RegistrationInstance[];
  /** Held back by a registry filter: kept, and registered once a filter lets them through. */
  heldBack: RegistrationInstance[];
}

/** Options of a single call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Registers instances and keeps them alive: one heartbeat batch per interval for all of them,
 * registration again of exactly the instances the server lost, a watchdog that fails over and
 * re-registers when acknowledgements stop, and an unregister of everything on `close`.
 */
export class RegistryClient {
  readonly events: TypedEvents<RegistryEvents>;
  readonly filters: FilterChain<RegistrationInstance>;
  readonly #transport: RegistryTransport;
  readonly #config: ConfigStore;
  readonly #addresses: RegistryNodes | undefined;
  readonly #logger: SdkLogger;
  readonly #clock: Clock;
  readonly #instances = new Map<string, RegistrationInstance>();
  readonly #lifetime = new AbortController();
  readonly #watchdog: LeaseWatchdog;
  readonly #schedule: HeartbeatSchedule;
  readonly #delay = new EventLoopDelaySampler();
  readonly #statuses: StatusFollower | undefined;
  #unreportedStall: StallFigures = NO_STALL;
  readonly #configSubscription: { unsubscribe(): void };
  #closing: Promise<void> | undefined;

  constructor(options: RegistryClientOptions) {
    this.#transport = options.transport;
    this.#config = options.config;
    this.#addresses = options.addresses;
    this.#logger = toSdkLogger(options.logger, 'registry');
    this.#clock = options.clock ?? systemClock;
    this.events = new TypedEvents<RegistryEvents>(
      (error, event) => this.#logger.warn('A registry listener threw', { event, error }),
      { diagnostics: 'registry' },
    );
    this.filters =
      options.filters instanceof FilterChain
        ? options.filters
        : new FilterChain(options.filters ?? [], { logger: options.logger });
    this.#watchdog = new LeaseWatchdog(this.#clock);
    this.#schedule = new HeartbeatSchedule(
      this.#clock,
      options.random ?? systemRandom,
      () => this.#config.current.heartbeatIntervalMs,
      drift => this.#beat(drift),
    );
    this.#configSubscription = this.#config.changes$.subscribe(() =>
      this.#schedule.intervalChanged(),
    );

    if (options.healthCheck) {
      const statuses = new StatusFollower(options.healthCheck, this.#clock);
      const accepted = ({ instances }: { instances: RegistrationInstance[] }): void =>
        statuses.accepted(instances, this.#instances);
      this.events.on('registered', accepted);
      this.events.on('re-registered', accepted);
      this.#statuses = statuses;
    }
  }

  /** The instances this client keeps alive, filtered out ones included. */
  registered(): RegistrationInstance[] {
    return [...this.#instances.values()].map(instance => ({ ...instance }));
  }

  /**
   * Registers the instances now and keeps them alive from then on. Rejects with
   * `InvalidInstanceError` (naming every missing field) before sending anything, with
   * `RegistrationFailedError` when the server did not accept them all (the accepted ones are kept
   * alive even then), with `ArtemisAbortError` when `signal` fired first (nothing is kept) and with
   * `ClientClosedError` once the client is closing.
   */
  async register(
    instances: readonly unknown[],
    options: CallOptions = {},
  ): Promise<RegisterResult> {
    this.#assertOpen();
    throwIfAborted(options.signal);
    const valid = validateInstances(instances);

    const allowed = this.filters.apply(valid);
    const allowedKeys = new Set(allowed.map(instanceIdentity));
    const heldBack = valid.filter(instance => !allowedKeys.has(instanceIdentity(instance)));

    const { signal, dispose } = deriveSignal([options.signal, this.#lifetime.signal]);
    const sentAt = this.#clock.now();
    try {
      const outcome =
        allowed.length === 0
          ? { accepted: [], failed: [] }
          : await this.#transport.register(allowed, signal);
      this.#assertOpen();

      this.#keep([...outcome.accepted, ...heldBack]);
      if (outcome.accepted.length > 0) {
        this.#watchdog.acknowledged(sentAt);
        this.events.emit('registered', { instances: outcome.accepted });
      }
      if (outcome.failed.length > 0) {
        throw new RegistrationFailedError(outcome.accepted, outcome.failed);
      }
      return { registered: outcome.accepted, heldBack };
    } catch (error) {
      if (error instanceof RegistrationFailedError || error instanceof ClientClosedError)
        throw error;
      // The caller gave up or the client closed: say so, rather than blame the server.
      if (options.signal?.aborted) throw new ArtemisAbortError(options.signal.reason);
      if (this.#lifetime.signal.aborted) throw new ClientClosedError('registry client');
      throw new RegistrationFailedError(
        [],
        allowed.map(instance => ({ instance, errorCode: errorCodeOf(error), error })),
        error,
      );
    } finally {
      dispose();
    }
  }

  /**
   * Removes the instances on the server and stops their heartbeats. Heartbeats stop even when
   * the call fails (`UnregisterFailedError`); the leases then lapse by TTL. Filters do not apply.
   */
  async unregister(instances: readonly unknown[], options: CallOptions = {}): Promise<void> {
    this.#assertOpen();
    throwIfAborted(options.signal);
    const valid = validateInstances(instances);

    const targets = valid.map(instance => {
      const key = instanceIdentity(instance);
      const known = this.#instances.get(key) ?? instance;
      this.#instances.delete(key);
      return known;
    });
    this.#statuses?.forget(targets);
    if (this.#instances.size === 0) this.#schedule.stop();

    const { signal, dispose } = deriveSignal([options.signal, this.#lifetime.signal]);
    try {
      await this.#transport.unregister(targets, signal);
      this.events.emit('unregistered', { instances: targets });
    } catch (error) {
      throw new UnregisterFailedError(targets, error);
    } finally {
      dispose();
    }
  }

  /**
   * Unregisters everything this client registered, within `shutdownTimeoutMs` (or until `signal`
   * fires), waits `shutdownDrainMs` when it is set, then stops every timer. Idempotent; calls
   * made meanwhile or later reject with `ClientClosedError`.
   */
  close(options: CallOptions = {}): Promise<void> {
    this.#closing ??= this.#shutDown(options.signal);
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #shutDown(callerSignal: AbortSignal | undefined): Promise<void> {
    this.#schedule.stop();
    this.#configSubscription.unsubscribe();
    this.#lifetime.abort(new ClientClosedError('registry client'));
    await this.#schedule.settled();

    const remaining = [...this.#instances.values()];
    this.#instances.clear();
    const { signal, dispose } = deriveSignal(
      [callerSignal],
      this.#config.current.shutdownTimeoutMs,
    );
    try {
      if (remaining.length > 0) {
        await this.#transport.unregister(remaining, signal);
        this.events.emit('unregistered', { instances: remaining });
      }
    } catch (error) {
      this.#logger.warn('Unregister on close failed; leases will lapse by TTL', {
        count: remaining.length,
        error,
      });
    } finally {
      dispose();
    }

    try {
      if (remaining.length > 0) await this.#drain(remaining, callerSignal);
    } finally {
      this.#delay.close();
      await closeQuietly(this.#transport, this.#logger);
    }
  }

  /**
   * Waits `shutdownDrainMs` once the instances are unregistered: consumers drop them at their
   * next push or poll, and the application keeps serving what they send until then. The
   * caller's signal cuts the wait short.
   */
  async #drain(instances: RegistrationInstance[], signal: AbortSignal | undefined): Promise<void> {
    const drainMs = this.#config.current.shutdownDrainMs;
    if (drainMs === 0 || signal?.aborted) return;

    this.events.emit('draining', { instances, drainMs });
    await pause(this.#clock, drainMs, signal);
  }

  #keep(instances: readonly RegistrationInstance[]): void {
    if (instances.length === 0) return;

    if (this.#instances.size === 0) this.#watchdog.reset();
    for (const instance of instances) this.#instances.set(instanceIdentity(instance), instance);
    this.#schedule.start();
  }

  async #beat(timerDriftMs: number): Promise<void> {
    // A stall is reported by the next acknowledged beat, even when the beats in between failed
    // or registered everything again, as a stall longer than the TTL makes them do.
    const stall = {
      eventLoopDelayMs: Math.max(this.#unreportedStall.eventLoopDelayMs, this.#delay.takeMaxMs()),
      timerDriftMs: Math.max(this.#unreportedStall.timerDriftMs, timerDriftMs),
    };
    this.#unreportedStall = stall;
    if (this.#statuses) await this.#followHealth(this.#statuses);

    const reported = await runHeartbeat({
      instances: () => this.#instances,
      statusOwed: batch => this.#statuses?.owed(batch) ?? [],
      transport: this.#transport,
      filters: this.filters,
      config: this.#config.current,
      addresses: this.#addresses,
      watchdog: this.#watchdog,
      events: this.events,
      logger: this.#logger,
      clock: this.#clock,
      lifetime: this.#lifetime.signal,
      ...stall,
    });
    if (reported) this.#unreportedStall = NO_STALL;
  }

  /** Asks the health check about every instance and keeps the statuses it changed. */
  async #followHealth(statuses: StatusFollower): Promise<void> {
    const timeoutMs = this.#config.current.heartbeatIntervalMs / 2;
    const round = await statuses.check([...this.#instances.values()], timeoutMs);
    applyHealthRound(round, statuses, this.#instances, this.events, this.#logger);
  }

  #assertOpen(): void {
    if (this.#closing) throw new ClientClosedError('registry client');
  }
}

function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ARTEMIS_TRANSPORT';
}

async function closeQuietly(transport: RegistryTransport, logger: SdkLogger): Promise<void> {
  try {
    await transport.close?.();
  } catch (error) {
    logger.warn('Closing the registry transport failed', { error });
  }
}
