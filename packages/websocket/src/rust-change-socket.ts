import {
  buildRustFrame,
  ClientClosedError,
  isArtemisError,
  parseRustServerFrame,
  toSdkLogger,
  WS_PATHS,
} from '@artemis/protocol';
import type {
  DiscoveryConfig,
  InstanceChange,
  RustServerFrame,
  TypedEvents,
} from '@artemis/protocol';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';

import type { ChangeSocket, ChangeSocketEvents } from './change-socket.js';
import { InvalidFrameError, WebSocketDisconnectedError, WebSocketNotOpenError } from './errors.js';
import type { ChangeSocketOptions } from './java-instance-change-socket.js';
import { ManagedSocket } from './managed-socket.js';
import type { SessionHandle, SocketMessage } from './managed-socket.js';
import { ReplyQueue } from './reply-queue.js';
import { createSocketEvents } from './socket-events.js';
import type { SocketState } from './socket-events.js';

/**
 * The Rust server's `/ws` socket: subscribe and unsubscribe frames, acknowledged by the server.
 * Today's Rust server never pushes a change (PROTOCOL 4.2.4), so `changes$` stays quiet against
 * it; a `service_change` frame from a later build is delivered all the same.
 */
export class RustChangeSocket implements ChangeSocket {
  readonly events: TypedEvents<ChangeSocketEvents>;
  readonly changes$: Observable<InstanceChange>;
  readonly #socket: ManagedSocket<ChangeSocketEvents>;
  readonly #changes = new Subject<InstanceChange>();
  readonly #options: ChangeSocketOptions;
  /** Pings waiting for their pong; the server answers every frame in order. */
  readonly #pongs = new ReplyQueue<void>();
  /** Exact service ids: the server adds a session twice when it subscribes twice. */
  readonly #subscriptions = new Set<string>();
  #closed = false;

  constructor(options: ChangeSocketOptions) {
    this.#options = options;
    const logger = toSdkLogger(options.logger, 'websocket-discovery');
    this.events = createSocketEvents<ChangeSocketEvents>(logger);
    this.changes$ = this.#changes.asObservable();
    this.#socket = new ManagedSocket<ChangeSocketEvents>({
      ...options,
      side: 'discovery',
      path: WS_PATHS.rust,
      events: this.events,
      onOpen: session => this.#subscribeAll(session),
    });
    this.#socket.messages$.subscribe(message => this.#receive(message));
    this.events.on('session-closed', ({ sessionId, reason, code }) =>
      this.#pongs.rejectSession(
        sessionId,
        new WebSocketDisconnectedError(`${reason}, code ${code}`),
      ),
    );
  }

  get state(): SocketState {
    return this.#socket.state;
  }

  subscribe(config: DiscoveryConfig): void {
    if (this.#closed) throw new ClientClosedError('websocket');

    const frame = buildRustFrame({ type: 'subscribe', serviceId: config.serviceId });
    if (this.#subscriptions.has(config.serviceId)) return;

    this.#subscriptions.add(config.serviceId);
    this.#socket.start();
    this.#trySend(frame);
  }

  unsubscribe(serviceId: string): void {
    if (!this.#subscriptions.delete(serviceId)) return;

    this.#trySend(buildRustFrame({ type: 'unsubscribe', serviceId }));
  }

  subscriptions(): string[] {
    return [...this.#subscriptions];
  }

  /**
   * Sends a `ping` frame and resolves when its `pong` comes back: proof that the server reads and
   * answers frames, beyond the WebSocket-level pings of the liveness check. Connects on first
   * use and waits for an open socket within `config.requestTimeoutMs`. Rejects with
   * `WebSocketSendTimeoutError`, `WebSocketDisconnectedError`, `ArtemisAbortError` or
   * `ClientClosedError`.
   */
  ping(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(new ClientClosedError('websocket'));

    this.#socket.start();
    const timeoutMs = this.#options.config.current.requestTimeoutMs;
    return this.#pongs.request(this.#socket, buildRustFrame({ type: 'ping' }), timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#pongs.close();
    await this.#socket.close();
    this.#changes.complete();
  }

  #subscribeAll(session: SessionHandle): void {
    for (const serviceId of this.#subscriptions) {
      session.send(buildRustFrame({ type: 'subscribe', serviceId }));
    }
  }

  #trySend(frame: string): void {
    try {
      this.#socket.send(frame);
    } catch (error) {
      // Not open yet: the open hook subscribes again once the session is up.
      if (!(error instanceof WebSocketNotOpenError)) throw error;
    }
  }

  #receive(message: SocketMessage): void {
    let frame: RustServerFrame;
    try {
      frame = parseRustServerFrame(message.data);
    } catch (error) {
      this.#socket.reportFrameError(
        isArtemisError(error) ? error : new InvalidFrameError('Unreadable frame', { cause: error }),
      );
      return;
    }

    switch (frame.type) {
      case 'subscribed':
        this.events.emit('subscribed', {
          side: 'discovery',
          serviceId: frame.serviceId,
          acknowledged: true,
        });
        return;
      case 'unsubscribed':
        this.events.emit('unsubscribed', { side: 'discovery', serviceId: frame.serviceId });
        return;
      case 'pong':
        this.#pongs.take(message.sessionId)?.resolve();
        return;
      case 'error':
        this.#socket.reportFrameError(
          new InvalidFrameError(`The server refused a frame: ${frame.message.slice(0, 200)}`),
        );
        return;
      case 'service_change':
        if (!this.#subscriptions.has(frame.serviceId)) return;
        for (const change of frame.changes) this.#changes.next(change);
    }
  }
}
