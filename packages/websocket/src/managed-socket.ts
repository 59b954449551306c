import { ExponentialBackoff } from '@artemis/address';
import {
  ArtemisAbortError,
  ClientClosedError,
  JAVA_WS_MAX_FRAME_BYTES,
  joinUrl,
  onAbort,
  pause,
  systemClock,
  toSdkLogger,
  toWebSocketUrl,
} from '@artemis/protocol';
import type { Clock, Logger, RandomSource, SdkLogger, TypedEvents } from '@artemis/protocol';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';

import { FrameTooLargeError, WebSocketConnectError, WebSocketNotOpenError } from './errors.js';
import { openWebSocket } from './open-web-socket.js';
import type { SocketSide, WebSocketAddressSource, WebSocketConfigSource } from './options.js';
import { ReconnectBudget } from './reconnect-budget.js';
import { describeEnd, isSocketDeath, reconnectDelay } from './reconnect-policy.js';
import { redactUrl } from './redact-url.js';
import { createSocketEvents } from './socket-events.js';
import type { ManagedSocketEvents, SocketState } from './socket-events.js';
import { SocketSession } from './socket-session.js';
import type { SessionCallbacks, SessionEnd } from './socket-session.js';

/** Options of {@link ManagedSocket}. */
export interface ManagedSocketOptions<E extends ManagedSocketEvents = ManagedSocketEvents> {
  /** Which half of the client this socket serves (reported in events and logs). */
  side: SocketSide;
  /** Path below the server's base URL, for example `WS_PATHS.rust`. */
  path: string;
  /** Tunables, read at use time (a `ConfigStore`). */
  config: WebSocketConfigSource;
  /** Server addresses; a failed or dead socket marks its address down (an `AddressManager`). */
  addresses: WebSocketAddressSource;
  /** Where to log. @default silent */
  logger?: Logger;
  /** @default systemClock */
  clock?: Clock;
  /** Randomness of the reconnect jitter. @default Math.random */
  random?: RandomSource;
  /** Largest text frame the socket sends, in bytes. @default 8192 (the Java server's limit) */
  maxFrameBytes?: number;
  /** Base of the jittered exponential reconnect delay, in ms. @default 250 */
  reconnectDelayMs?: number;
  /** Cap of the reconnect delay, in ms. @default 30000 */
  reconnectMaxDelayMs?: number;
  /** Extra wait after a close with code 1012 or 1013 (try again later), in ms. @default 5000 */
  retryLaterDelayMs?: number;
  /**
   * Called with each new session before it carries traffic, after every connect and rotation:
   * the place to subscribe again. A throw is logged and does not stop the socket.
   */
  onOpen?: (session: SessionHandle) => void;
  /** The event hub to emit on, so a dialect can share its own (wider) one. @default a new one */
  events?: TypedEvents<E>;
}

/** A freshly opened session, as `onOpen` sees it. */
export interface SessionHandle {
  readonly id: number;
  /** Sends a text frame on this very session; throws `FrameTooLargeError` or `WebSocketNotOpenError`. */
  send(data: string): void;
}

/** A text frame received, with the session it came on. */
export interface SocketMessage {
  sessionId: number;
  data: string;
}

/**
 * One self-healing WebSocket to the current server of an address list. It proves liveness with
 * pings, replaces its session before the server's maximum age, reconnects with jittered backoff
 * under a reconnect budget, and calls `onOpen` on every new session so subscriptions come back.
 */
export class ManagedSocket<E extends ManagedSocketEvents = ManagedSocketEvents> {
  readonly events: TypedEvents<E>;
  readonly messages$: Observable<SocketMessage>;
  readonly #options: ManagedSocketOptions<E>;
  readonly #logger: SdkLogger;
  readonly #clock: Clock;
  readonly #backoff: ExponentialBackoff;
  readonly #budget = new ReconnectBudget();
  readonly #messages = new Subject<SocketMessage>();
  readonly #closing = new AbortController();
  readonly #retiring = new Set<SocketSession>();
  readonly #openWaiters = new Set<{ resolve: () => void; reject: (error: unknown) => void }>();
  readonly #callbacks: SessionCallbacks;
  #active: SocketSession | undefined;
  #rotating = false;
  #nextSessionId = 0;
  #onDrop: ((end: SessionEnd & { livedMs: number }) => void) | undefined;
  #running: Promise<void> | undefined;
  #closed: Promise<void> | undefined;
  #state: SocketState = 'closed';

  constructor(options: ManagedSocketOptions<E>) {
    this.#options = options;
    this.#logger = toSdkLogger(options.logger, `websocket-${options.side}`);
    this.#clock = options.clock ?? systemClock;
    this.#backoff = new ExponentialBackoff({
      initialMs: options.reconnectDelayMs ?? 250,
      maxMs: options.reconnectMaxDelayMs ?? 30_000,
      ...(options.random ? { random: options.random } : {}),
    });
    this.events = options.events ?? createSocketEvents<E>(this.#logger);
    this.messages$ = this.#messages.asObservable();
    this.#callbacks = {
      onMessage: (session, data) => this.#messages.next({ sessionId: session.id, data }),
      onFrameError: (_session, error) => this.reportFrameError(error),
      onExpired: session => void this.#rotate(session),
      onEnd: (session, end) => this.#sessionEnded(session, end),
    };
  }

  /** The state of the current connection. */
  get state(): SocketState {
    return this.#state;
  }

  /** The largest text frame `send` accepts, in bytes. */
  get maxFrameBytes(): number {
    return this.#options.maxFrameBytes ?? JAVA_WS_MAX_FRAME_BYTES;
  }

  /** Id of the session that `send` currently uses, if one is open. */
  get sessionId(): number | undefined {
    return this.#active?.isOpen ? this.#active.id : undefined;
  }

  /** Starts connecting, once; later calls do nothing. */
  start(): void {
    if (this.#running || this.#closed) return;

    this.#running = this.#run().catch(error =>
      this.#logger.error('The WebSocket loop stopped', { error: String(error) }),
    );
  }

  /**
   * Sends a text frame on the current session and returns that session's id. Throws
   * `FrameTooLargeError` before sending a frame over `maxFrameBytes`, `WebSocketNotOpenError`
   * while no session is open, `ClientClosedError` after `close()`.
   */
  send(data: string): number {
    if (this.#closed) throw new ClientClosedError('websocket');

    const session = this.#active;
    this.#sendOn(session, data);
    return (session as SocketSession).id;
  }

  /** Resolves once a session is open; rejects on abort or close. */
  waitForOpen(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(new ClientClosedError('websocket'));
    if (signal?.aborted) return Promise.reject(new ArtemisAbortError(signal.reason));
    if (this.#active?.isOpen) return Promise.resolve();

    return new Promise((resolve, reject) => {
      let stopWaiting: (() => void) | undefined;
      const waiter = {
        resolve: () => {
          stopWaiting?.();
          resolve();
        },
        reject: (error: unknown) => {
          stopWaiting?.();
          reject(error);
        },
      };
      this.#openWaiters.add(waiter);
      if (signal) {
        stopWaiting = onAbort(signal, () => {
          this.#openWaiters.delete(waiter);
          reject(new ArtemisAbortError(signal.reason));
        });
      }
    });
  }

  /** Reports a frame a dialect could not use: event 'frame-error' and a warning. */
  reportFrameError(error: ManagedSocketEvents['frame-error']['error']): void {
    this.#logger.warn('Skipped a WebSocket frame', { code: error.code, error: error.message });
    this.#emit('frame-error', { side: this.#options.side, error });
  }

  /** Closes every session and stops reconnecting. Idempotent; leaves no timer or socket open. */
  close(): Promise<void> {
    this.#closed ??= this.#shutDown();
    return this.#closed;
  }

  async #shutDown(): Promise<void> {
    this.#closing.abort(new ClientClosedError('websocket'));
    const sessions = [...this.#retiring, ...(this.#active ? [this.#active] : [])];
    this.#active = undefined;
    this.#onDrop?.({ code: 1000, reason: 'closed-by-client', livedMs: 0 });
    for (const waiter of this.#openWaiters) waiter.reject(new ClientClosedError('websocket'));
    this.#openWaiters.clear();

    await Promise.all(sessions.map(session => session.close('closed-by-client')));
    await this.#running;
    this.#setState('closed');
    this.#messages.complete();
  }

  async #run(): Promise<void> {
    // Reconnects since the last session that proved stable; it drives the backoff.
    let streak = 0;
    let previous: SessionEnd | 'connect-failed' | undefined;

    while (!this.#closing.signal.aborted) {
      if (previous !== undefined) {
        streak += 1;
        const delayMs = reconnectDelay(this.#backoff, streak - 1, previous, this.#retryLaterMs());
        this.#emit('reconnect', {
          side: this.#options.side,
          attempt: streak,
          delayMs,
          reason: describeEnd(previous),
        });
        if (!(await this.#pause(delayMs))) return;
      }
      if (!(await this.#waitForBudget())) return;

      const session = await this.#connect();
      if (!session) {
        previous = 'connect-failed';
        continue;
      }

      const end = await this.#activate(session);
      if (this.#closing.signal.aborted) return;

      // A session that lived a while proves the server is fine: start the backoff over.
      if (end.livedMs >= this.#options.config.current.websocketPingIntervalMs) streak = 0;
      previous = end;
    }
  }

  /** Makes `session` the current one and resolves when it drops. */
  #activate(session: SocketSession): Promise<SessionEnd & { livedMs: number }> {
    const dropped = new Promise<SessionEnd & { livedMs: number }>(resolve => {
      this.#onDrop = resolve;
    });
    this.#active = session;
    this.#setState('open', session);
    for (const waiter of this.#openWaiters) waiter.resolve();
    this.#openWaiters.clear();
    return dropped;
  }

  async #connect(): Promise<SocketSession | undefined> {
    let baseUrl: string;
    let url: string;
    try {
      baseUrl = this.#options.addresses.current();
      url = joinUrl(toWebSocketUrl(baseUrl), this.#options.path);
    } catch (error) {
      this.#logger.error('No usable server address for the WebSocket', { error: String(error) });
      return undefined;
    }

    if (this.#state !== 'open') this.#setState('connecting', undefined, url);
    this.#budget.record(this.#clock.now());
    try {
      const socket = await openWebSocket(url, this.#options.config.current, this.#closing.signal);
      if (this.#closing.signal.aborted) {
        socket.terminate();
        return undefined;
      }

      this.#options.addresses.markUp(baseUrl);
      const session = new SocketSession(
        socket,
        { id: ++this.#nextSessionId, baseUrl, clock: this.#clock, config: this.#options.config },
        this.#callbacks,
      );
      this.#runOnOpen(session);
      return session;
    } catch (error) {
      if (this.#closing.signal.aborted) return undefined;

      this.#options.addresses.markDown(baseUrl, 'websocket connect failed');
      const shownUrl = redactUrl(url);
      const failure =
        error instanceof WebSocketConnectError
          ? error
          : new WebSocketConnectError(shownUrl, { cause: error });
      this.#logger.warn('WebSocket connect failed', {
        url: shownUrl,
        error: failure.message,
        cause: failure.cause instanceof Error ? failure.cause.message : undefined,
      });
      this.#emit('connect-error', { side: this.#options.side, url: shownUrl, error: failure });
      return undefined;
    }
  }

  #runOnOpen(session: SocketSession): void {
    try {
      this.#options.onOpen?.({ id: session.id, send: data => this.#sendOn(session, data) });
    } catch (error) {
      this.#logger.warn('The WebSocket open hook failed', { error: String(error) });
    }
  }

  /** Replaces a session that reached its maximum age: the new one opens before the old closes. */
  async #rotate(old: SocketSession): Promise<void> {
    if (this.#rotating || old !== this.#active || this.#closing.signal.aborted) return;

    this.#rotating = true;
    try {
      const next = await this.#connect();
      if (!next) {
        // The old session still works: keep it and try again shortly, before the server cuts it.
        // The base delay comes first so that a run of failed tries cannot spin.
        old.expireAgainIn((this.#options.reconnectDelayMs ?? 250) + this.#backoff.delayFor(0));
        return;
      }
      if (old !== this.#active || this.#closing.signal.aborted) {
        await next.close('rotated');
        return;
      }

      this.#active = next;
      this.#retiring.add(old);
      this.#emit('session-rotated', {
        side: this.#options.side,
        url: this.#socketUrl(next),
        previousSessionId: old.id,
        sessionId: next.id,
      });

      // The old session stays a moment so replies and pushes already in flight still arrive.
      await this.#pause(this.#options.config.current.websocketPingTimeoutMs);
      await old.close('rotated');
    } finally {
      this.#rotating = false;
    }
  }

  #sessionEnded(session: SocketSession, end: SessionEnd): void {
    this.#retiring.delete(session);
    this.#emit('session-closed', {
      side: this.#options.side,
      sessionId: session.id,
      url: this.#socketUrl(session),
      code: end.code,
      reason: end.reason,
    });
    if (session !== this.#active) return;

    this.#active = undefined;
    this.#setState('closed', session);
    if (isSocketDeath(end)) this.#options.addresses.markDown(session.baseUrl, describeEnd(end));
    this.#logger.info('WebSocket session ended', { code: end.code, reason: end.reason });
    this.#onDrop?.({ ...end, livedMs: this.#clock.now() - session.openedAt });
  }

  #sendOn(session: SocketSession | undefined, data: string): void {
    const sizeBytes = Buffer.byteLength(data, 'utf8');
    if (sizeBytes > this.maxFrameBytes) throw new FrameTooLargeError(sizeBytes, this.maxFrameBytes);
    if (!session) throw new WebSocketNotOpenError();

    session.send(data);
  }

  /** Sleeps unless closed; false when the socket was closed meanwhile. */
  #pause(ms: number): Promise<boolean> {
    return pause(this.#clock, ms, this.#closing.signal);
  }

  async #waitForBudget(): Promise<boolean> {
    for (;;) {
      const config = this.#options.config.current;
      const waitMs = this.#budget.waitMs(
        this.#clock.now(),
        config.websocketReconnectLimit,
        config.websocketReconnectWindowMs,
      );
      if (waitMs <= 0) return true;

      this.#logger.warn('WebSocket reconnect budget used up; waiting for the window', { waitMs });
      this.#emit('reconnect', {
        side: this.#options.side,
        attempt: 0,
        delayMs: waitMs,
        reason: 'reconnect-budget',
      });
      if (!(await this.#pause(waitMs))) return false;
    }
  }

  #emit<K extends keyof ManagedSocketEvents>(event: K, payload: ManagedSocketEvents[K]): void {
    // E extends ManagedSocketEvents, so every event of the base is an event of E.
    (this.events as unknown as TypedEvents<ManagedSocketEvents>).emit(event, payload);
  }

  #retryLaterMs(): number {
    return this.#options.retryLaterDelayMs ?? 5_000;
  }

  #socketUrl(session: SocketSession): string {
    return redactUrl(joinUrl(toWebSocketUrl(session.baseUrl), this.#options.path));
  }

  #setState(state: SocketState, session?: SocketSession, url?: string): void {
    this.#state = state;
    const shownUrl = url ? redactUrl(url) : session ? this.#socketUrl(session) : undefined;
    this.#emit('state', {
      side: this.#options.side,
      state,
      ...(shownUrl ? { url: shownUrl } : {}),
    });
  }
}
