import {
  ClientClosedError,
  isArtemisError,
  parseHeartbeatReply,
  WS_PATHS,
} from '@artemis/protocol';
import type { HeartbeatReply, TypedEvents } from '@artemis/protocol';

import { FrameTooLargeError, InvalidFrameError, WebSocketDisconnectedError } from './errors.js';
import { ManagedSocket } from './managed-socket.js';
import type { ManagedSocketOptions, SocketMessage } from './managed-socket.js';
import { ReplyQueue } from './reply-queue.js';
import type { ManagedSocketEvents, SocketState } from './socket-events.js';

/** Options of {@link JavaHeartbeatSocket}. */
export interface JavaHeartbeatSocketOptions extends Omit<
  ManagedSocketOptions,
  'side' | 'path' | 'onOpen' | 'events'
> {
  /**
   * Deadline of one `send`, waiting for an open socket included, in ms.
   * @default config.requestTimeoutMs, read at each send
   */
  sendTimeoutMs?: number;
}

/**
 * The Java server's `/ws/registry/heartbeat` socket: a heartbeat request per frame, exactly one
 * reply frame per request, in order, with no id (PROTOCOL 4.1.3). Replies are therefore matched
 * by position on the session that carried the request. When a session drops, every request still
 * waiting on it is rejected with `WebSocketDisconnectedError`, so the caller can retry or fall
 * back to HTTP.
 */
export class JavaHeartbeatSocket {
  readonly events: TypedEvents<ManagedSocketEvents>;
  readonly #socket: ManagedSocket;
  readonly #options: JavaHeartbeatSocketOptions;
  readonly #replies = new ReplyQueue<HeartbeatReply>();
  #closed = false;

  constructor(options: JavaHeartbeatSocketOptions) {
    this.#options = options;
    this.#socket = new ManagedSocket({
      ...options,
      side: 'registry',
      path: WS_PATHS.javaHeartbeat,
    });
    this.events = this.#socket.events;
    this.#socket.messages$.subscribe(message => this.#receive(message));
    this.events.on('session-closed', ({ sessionId, reason, code }) =>
      this.#replies.rejectSession(
        sessionId,
        new WebSocketDisconnectedError(`${reason}, code ${code}`),
      ),
    );
    this.#socket.start();
  }

  get state(): SocketState {
    return this.#socket.state;
  }

  /** The largest heartbeat frame the socket sends, in bytes: split bigger batches. */
  get maxFrameBytes(): number {
    return this.#socket.maxFrameBytes;
  }

  /**
   * Sends one heartbeat request (`{ instances: [...] }`, the REST body) and resolves with the
   * parsed reply. Waits for an open socket within the deadline. Rejects with
   * `FrameTooLargeError` (before sending), `WebSocketSendTimeoutError`,
   * `WebSocketDisconnectedError`, `InvalidReplyError`, `ArtemisAbortError` or `ClientClosedError`.
   */
  async send(body: object, signal?: AbortSignal): Promise<HeartbeatReply> {
    if (this.#closed) throw new ClientClosedError('websocket');

    const frame = JSON.stringify(body);
    const sizeBytes = Buffer.byteLength(frame, 'utf8');
    if (sizeBytes > this.maxFrameBytes) throw new FrameTooLargeError(sizeBytes, this.maxFrameBytes);

    const timeoutMs = this.#options.sendTimeoutMs ?? this.#options.config.current.requestTimeoutMs;
    return this.#replies.request(this.#socket, frame, timeoutMs, signal);
  }

  /** Rejects every waiting send with `ClientClosedError` and closes the socket. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#replies.close();
    await this.#socket.close();
  }

  #receive(message: SocketMessage): void {
    const entry = this.#replies.take(message.sessionId);
    if (!entry) {
      this.#socket.reportFrameError(
        new InvalidFrameError('A heartbeat reply arrived with no request waiting'),
      );
      return;
    }

    try {
      entry.resolve(parseHeartbeatReply(message.data));
    } catch (error) {
      const reported = isArtemisError(error)
        ? error
        : new InvalidFrameError('Unreadable heartbeat reply', { cause: error });
      this.#socket.reportFrameError(reported);
      entry.reject(reported);
    }
  }
}
