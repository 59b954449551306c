import { ClientClosedError, systemClock, toSdkLogger } from '@artemis/protocol';
import type {
  Clock,
  DiscoveryConfig,
  Flavor,
  InstanceChange,
  Logger,
  SdkLogger,
  TimerHandle,
  Unsubscribe,
} from '@artemis/protocol';
import type { ChangeSocket } from '@artemis/websocket';
import { Subject } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';

import type { ChangeSource } from '../ports.js';
import { FlavorResolver } from '../transport/flavor-source.js';
import type { DiscoveryFlavorSource } from '../transport/flavor-source.js';

/** How long a socket with no subscription left stays open, in ms, unless told otherwise. */
export const DEFAULT_IDLE_CLOSE_MS = 60_000;

/** Options of {@link SocketChangeSource}. */
export interface SocketChangeSourceOptions {
  /** The server flavour, or a lazy detection of it (resolved on the first subscription). */
  flavor: DiscoveryFlavorSource;
  /** Opens a change socket for the flavour; called again after an idle socket was closed. */
  openSocket: (flavor: Flavor) => ChangeSocket;
  /** A socket left without subscriptions is closed after this many ms. @default 60000 */
  idleCloseMs?: number;
  logger?: Logger;
  /** @default systemClock (unref'd timers) */
  clock?: Clock;
}

/** One open socket and what this source attached to it. */
interface AttachedSocket {
  readonly socket: ChangeSocket;
  readonly detach: () => void;
}

/**
 * Instance changes from the server's WebSocket, whatever its dialect.
 *
 * - Java (`/ws/discovery/instance-change`): a subscription is a DiscoveryConfig frame and the
 *   server pushes each change. It has no unsubscribe frame: `unsubscribe` stops tracking, and the
 *   server-side subscription ends with the session (rotated every few minutes). `canPush` holds
 *   while the socket is open, so a dead socket hands the work back to polling.
 * - Rust (`/ws`): subscribe and unsubscribe frames, acknowledged, but the server never pushes a
 *   change (PROTOCOL 4.2.4), so `canPush` stays false and polling is the source of changes.
 *
 * `resync$` fires each time a Java session opens, since pushes may have been missed while there
 * was none. Frames that cannot be read come out on `invalid$`. A socket with nothing subscribed
 * is closed after `idleCloseMs` and opened again on the next subscription.
 */
export class SocketChangeSource implements ChangeSource {
  readonly changes$: Observable<InstanceChange>;
  readonly resync$: Observable<void>;
  readonly invalid$: Observable<unknown>;
  readonly #changes = new Subject<InstanceChange>();
  readonly #resync = new Subject<void>();
  readonly #invalid = new Subject<unknown>();
  readonly #options: SocketChangeSourceOptions;
  readonly #flavor: FlavorResolver;
  readonly #logger: SdkLogger;
  readonly #clock: Clock;
  /** What is subscribed, by serviceId exactly as given. */
  readonly #configs = new Map<string, DiscoveryConfig>();
  readonly #closing = new Set<Promise<void>>();
  #attached: AttachedSocket | undefined;
  #idleTimer: TimerHandle | undefined;
  #closed = false;

  constructor(options: SocketChangeSourceOptions) {
    this.#options = options;
    this.#flavor = new FlavorResolver(options.flavor);
    this.#logger = toSdkLogger(options.logger, 'discovery');
    this.#clock = options.clock ?? systemClock;
    this.changes$ = this.#changes.asObservable();
    this.resync$ = this.#resync.asObservable();
    this.invalid$ = this.#invalid.asObservable();
  }

  get canPush(): boolean {
    return this.#flavor.known === 'java' && this.#attached?.socket.state === 'open';
  }

  /** The services subscribed now, as given. */
  subscribedServices(): string[] {
    return [...this.#configs.keys()];
  }

  /** True while a socket is open or opening. */
  get hasSocket(): boolean {
    return this.#attached !== undefined;
  }

  subscribe(config: DiscoveryConfig): void {
    if (this.#closed) throw new ClientClosedError('discovery change source');

    this.#configs.set(config.serviceId, config);
    this.#cancelIdleClose();
    if (this.#flavor.known) {
      this.#sendSubscribe(config);
      return;
    }
    // Once the flavour is known, everything subscribed meanwhile goes out (sockets ignore a
    // repeated subscription), including what waited through a failed detection.
    this.#flavor.resolve().then(
      () => {
        for (const pending of this.#configs.values()) this.#sendSubscribe(pending);
      },
      (error: unknown) => this.#logger.warn('No change socket: flavour unknown', { error }),
    );
  }

  unsubscribe(serviceId: string): void {
    if (!this.#configs.delete(serviceId)) return;

    this.#attached?.socket.unsubscribe(serviceId);
    if (this.#configs.size === 0) this.#scheduleIdleClose();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;

    this.#cancelIdleClose();
    this.#configs.clear();
    this.#closeSocket();
    await Promise.all(this.#closing);
    this.#changes.complete();
    this.#resync.complete();
    this.#invalid.complete();
  }

  #sendSubscribe(config: DiscoveryConfig): void {
    if (this.#closed) return;
    try {
      this.#socket().subscribe(config);
    } catch (error) {
      // Such as a discovery config too large for one frame: polling still covers the service.
      this.#logger.warn('Could not subscribe to pushes; the service is polled', {
        serviceId: config.serviceId,
        error,
      });
    }
  }

  #socket(): ChangeSocket {
    if (this.#attached) return this.#attached.socket;

    const flavor = this.#flavor.known as Flavor;
    const socket = this.#options.openSocket(flavor);
    const subscriptions: Subscription[] = [
      socket.changes$.subscribe(change => this.#changes.next(change)),
    ];
    const listeners: Unsubscribe[] = [
      socket.events.on('frame-error', ({ error }) => this.#invalid.next(error)),
    ];
    if (flavor === 'java') {
      listeners.push(
        socket.events.on('state', ({ state }) => {
          if (state === 'open') this.#resync.next();
        }),
      );
    }

    const detach = (): void => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      for (const unsubscribe of listeners) unsubscribe();
    };
    this.#attached = { socket, detach };
    return socket;
  }

  #scheduleIdleClose(): void {
    this.#cancelIdleClose();
    const delay = this.#options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
    this.#idleTimer = this.#clock.setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#configs.size === 0) this.#closeSocket();
    }, delay);
  }

  #cancelIdleClose(): void {
    this.#idleTimer?.cancel();
    this.#idleTimer = undefined;
  }

  #closeSocket(): void {
    const attached = this.#attached;
    if (!attached) return;

    this.#attached = undefined;
    attached.detach();
    const closing = attached.socket
      .close()
      .catch((error: unknown) => this.#logger.warn('Closing the change socket failed', { error }))
      .finally(() => this.#closing.delete(closing));
    this.#closing.add(closing);
  }
}
