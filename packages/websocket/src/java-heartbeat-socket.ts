import {
  ArtemisAbortError,
  ClientClosedError,
  deriveSignal,
  isArtemisError,
  parseHeartbeatReply,
  TimeoutReason,
  WS_PATHS,
} from '@artemis/protocol';
import type { HeartbeatReply } from '@artemis/protocol';

import {
  FrameTooLargeError,
  InvalidFrameError,
  WebSocketDisconnectedError,
  WebSocketSendTimeoutError,
} from './errors.js';
import { ManagedSocket } from './managed-socket.js';
import type { ManagedSocketOptions, SocketMessage } from './managed-socket.js';
import type { ManagedSocketEvents, SocketState } from './socket-events.js';
import type { TypedEvents } from '@artemis/protocol';

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

/** A request waiting for its reply. `settled` stays in the queue so later replies keep their order. */
interface PendingReply {
  settled: boolean;
  resolve(reply: HeartbeatReply): void;
  reject(error: unknown): void;
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
  readonly #pending = new Map<number, PendingReply[]>();
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
      this.#rejectSession(sessionId, new WebSocketDisconnectedError(`${reason}, code ${code}`)),
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
    const deadline = deriveSignal([signal], timeoutMs);
    try {
      await this.#socket.waitForOpen(deadline.signal);
      return await this.#exchange(frame, deadline.signal);
    } catch (error) {
      if (deadline.signal.reason instanceof TimeoutReason)
        throw new WebSocketSendTimeoutError(timeoutMs);
      if (signal?.aborted) throw new ArtemisAbortError(signal.reason);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /** Rejects every waiting send with `ClientClosedError` and closes the socket. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const sessionId of [...this.#pending.keys()]) {
      this.#rejectSession(sessionId, new ClientClosedError('websocket'));
    }
    await this.#socket.close();
  }

  #exchange(frame: string, signal: AbortSignal): Promise<HeartbeatReply> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => entry.reject(new ArtemisAbortError(signal.reason));
      const entry: PendingReply = {
        settled: false,
        resolve: reply => settle(() => resolve(reply)),
        reject: error => settle(() => reject(error)),
      };
      const settle = (finish: () => void): void => {
        if (entry.settled) return;
        entry.settled = true;
        signal.removeEventListener('abort', onAbort);
        finish();
      };

      const sessionId = this.#socket.send(frame);
      const queue = this.#pending.get(sessionId) ?? [];
      queue.push(entry);
      this.#pending.set(sessionId, queue);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #receive(message: SocketMessage): void {
    const queue = this.#pending.get(message.sessionId);
    const entry = queue?.shift();
    if (queue?.length === 0) this.#pending.delete(message.sessionId);
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

  #rejectSession(sessionId: number, error: Error): void {
    const queue = this.#pending.get(sessionId);
    this.#pending.delete(sessionId);
    for (const entry of queue ?? []) entry.reject(error);
  }
}
