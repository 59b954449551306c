import {
  buildJavaSubscribeFrame,
  ClientClosedError,
  isArtemisError,
  parseJavaChangeFrame,
  serviceKey,
  toSdkLogger,
  WS_PATHS,
} from '@artemis/protocol';
import type { DiscoveryConfig, InstanceChange, TypedEvents } from '@artemis/protocol';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';

import type { ChangeSocket, ChangeSocketEvents } from './change-socket.js';
import { FrameTooLargeError, InvalidFrameError, WebSocketNotOpenError } from './errors.js';
import { ManagedSocket } from './managed-socket.js';
import type { ManagedSocketOptions, SessionHandle } from './managed-socket.js';
import { createSocketEvents } from './socket-events.js';
import type { SocketState } from './socket-events.js';

/** Options of the change sockets: those of `ManagedSocket` that the dialect does not fix. */
export type ChangeSocketOptions = Omit<ManagedSocketOptions, 'side' | 'path' | 'onOpen' | 'events'>;

/**
 * The Java server's `/ws/discovery/instance-change` socket. A subscription is a DiscoveryConfig
 * frame; the server never acknowledges it and has no unsubscribe, so `unsubscribe` only stops
 * delivering that service's pushes. Pushes are hints (best effort, unordered): keep polling.
 */
export class JavaInstanceChangeSocket implements ChangeSocket {
  readonly events: TypedEvents<ChangeSocketEvents>;
  readonly changes$: Observable<InstanceChange>;
  readonly #socket: ManagedSocket<ChangeSocketEvents>;
  readonly #changes = new Subject<InstanceChange>();
  /** Subscribed configs by exact serviceId, with the frame each one sends. */
  readonly #subscriptions = new Map<string, string>();
  #closed = false;

  constructor(options: ChangeSocketOptions) {
    const logger = toSdkLogger(options.logger, 'websocket-discovery');
    this.events = createSocketEvents<ChangeSocketEvents>(logger);
    this.changes$ = this.#changes.asObservable();
    this.#socket = new ManagedSocket<ChangeSocketEvents>({
      ...options,
      side: 'discovery',
      path: WS_PATHS.javaInstanceChange,
      events: this.events,
      onOpen: session => this.#subscribeAll(session),
    });
    this.#socket.messages$.subscribe(message => this.#receive(message.data));
  }

  get state(): SocketState {
    return this.#socket.state;
  }

  subscribe(config: DiscoveryConfig): void {
    if (this.#closed) throw new ClientClosedError('websocket');

    const frame = buildJavaSubscribeFrame(config);
    const sizeBytes = Buffer.byteLength(frame, 'utf8');
    if (sizeBytes > this.#socket.maxFrameBytes) {
      throw new FrameTooLargeError(sizeBytes, this.#socket.maxFrameBytes);
    }
    if (this.#subscriptions.get(config.serviceId) === frame) return;

    this.#subscriptions.set(config.serviceId, frame);
    this.#socket.start();
    this.#trySend(config.serviceId, frame);
  }

  unsubscribe(serviceId: string): void {
    this.#subscriptions.delete(serviceId);
  }

  subscriptions(): string[] {
    return [...this.#subscriptions.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#socket.close();
    this.#changes.complete();
  }

  #subscribeAll(session: SessionHandle): void {
    for (const [serviceId, frame] of this.#subscriptions) {
      session.send(frame);
      this.#emitSubscribed(serviceId);
    }
  }

  #trySend(serviceId: string, frame: string): void {
    try {
      this.#socket.send(frame);
      this.#emitSubscribed(serviceId);
    } catch (error) {
      // Not open yet: the open hook sends every subscription once the session is up.
      if (!(error instanceof WebSocketNotOpenError)) throw error;
    }
  }

  #emitSubscribed(serviceId: string): void {
    this.events.emit('subscribed', { side: 'discovery', serviceId, acknowledged: false });
  }

  #receive(data: string): void {
    let change: InstanceChange;
    try {
      change = parseJavaChangeFrame(data);
    } catch (error) {
      this.#socket.reportFrameError(
        isArtemisError(error)
          ? error
          : new InvalidFrameError('Unreadable change frame', { cause: error }),
      );
      return;
    }

    // The server only pushes what was subscribed, but an unsubscribe cannot reach it.
    if (this.#isSubscribed(change.instance.serviceId)) this.#changes.next(change);
  }

  #isSubscribed(serviceId: string): boolean {
    if (this.#subscriptions.has(serviceId)) return true;

    const key = serviceKey(serviceId);
    return [...this.#subscriptions.keys()].some(subscribed => serviceKey(subscribed) === key);
  }
}
