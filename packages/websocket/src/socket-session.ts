import type { Clock, TimerHandle } from '@artemis/protocol';
import { WebSocket } from 'ws';
import type { RawData } from 'ws';

import { InvalidFrameError, WebSocketNotOpenError } from './errors.js';
import { Liveness } from './liveness.js';
import type { WebSocketConfigSource } from './options.js';

/** Why a session ended. */
export type SessionEndReason =
  'closed-by-server' | 'error' | 'ping-timeout' | 'rotated' | 'closed-by-client';

/** How a session ended: the close code (1006 when none was received) and the reason. */
export interface SessionEnd {
  code: number;
  reason: SessionEndReason;
}

/** What a session reports to the socket that owns it. */
export interface SessionCallbacks {
  onMessage(session: SocketSession, data: string): void;
  onFrameError(session: SocketSession, error: InvalidFrameError): void;
  onExpired(session: SocketSession): void;
  onEnd(session: SocketSession, end: SessionEnd): void;
}

/** How long a graceful close may take before the socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

/**
 * One open WebSocket with its liveness ping and its maximum age. It ends exactly once; the
 * owner decides what happens next.
 */
export class SocketSession {
  readonly id: number;
  /** The base URL of the server (for the address manager), not the socket URL. */
  readonly baseUrl: string;
  readonly openedAt: number;
  readonly #socket: WebSocket;
  readonly #liveness: Liveness;
  readonly #callbacks: SessionCallbacks;
  #expiry: TimerHandle;
  readonly #clock: Clock;
  #endReason: SessionEndReason | undefined;
  #ended = false;
  #closed: Promise<void>;

  constructor(
    socket: WebSocket,
    init: { id: number; baseUrl: string; clock: Clock; config: WebSocketConfigSource },
    callbacks: SessionCallbacks,
  ) {
    this.id = init.id;
    this.baseUrl = init.baseUrl;
    this.openedAt = init.clock.now();
    this.#socket = socket;
    this.#callbacks = callbacks;
    this.#clock = init.clock;

    this.#liveness = new Liveness({
      clock: init.clock,
      intervalMs: () => init.config.current.websocketPingIntervalMs,
      timeoutMs: () => init.config.current.websocketPingTimeoutMs,
      ping: () => socket.ping(),
      onDead: () => this.#destroy('ping-timeout'),
    });
    this.#expiry = init.clock.setTimeout(
      () => callbacks.onExpired(this),
      init.config.current.websocketSessionTtlMs,
    );

    this.#closed = new Promise(resolve => socket.once('close', () => resolve()));
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('pong', () => this.#liveness.pong());
    socket.on('error', error => this.#fail(error));
    socket.once('close', code => this.#end(code));
    this.#liveness.start();
  }

  get isOpen(): boolean {
    return !this.#ended && this.#socket.readyState === WebSocket.OPEN;
  }

  /** Sends one text frame; throws `WebSocketNotOpenError` when the socket is not open. */
  send(data: string): void {
    if (!this.isOpen) throw new WebSocketNotOpenError();

    this.#socket.send(data);
  }

  /** Calls `onExpired` again after `ms`, for a rotation that could not open its new session. */
  expireAgainIn(ms: number): void {
    if (this.#ended) return;

    this.#expiry.cancel();
    this.#expiry = this.#clock.setTimeout(() => this.#callbacks.onExpired(this), ms);
  }

  /** Closes gracefully (destroys the socket if the peer does not answer in time). */
  async close(reason: SessionEndReason, code = 1000): Promise<void> {
    this.#endReason ??= reason;
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.close(code);

    const grace = this.#clock.setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
    if (this.#socket.readyState === WebSocket.CLOSED) this.#end(1006);
    await this.#closed.finally(() => grace.cancel());
  }

  /**
   * A socket error ends the session. ws reports frames it refuses (too large, bad UTF-8, bad
   * opcode) as errors with a `WS_ERR_` code; those are reported as bad frames before the socket
   * goes, so the cause is visible and not just a reconnect.
   */
  #fail(error: Error): void {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
      this.#callbacks.onFrameError(
        this,
        new InvalidFrameError(`The server sent a frame the socket refuses (${code})`, {
          cause: error,
        }),
      );
    }
    this.#destroy('error');
  }

  #destroy(reason: SessionEndReason): void {
    this.#endReason ??= reason;
    this.#socket.terminate();
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#callbacks.onFrameError(this, new InvalidFrameError('Binary WebSocket frame skipped'));
      return;
    }

    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    this.#callbacks.onMessage(this, text);
  }

  #end(code: number): void {
    if (this.#ended) return;

    this.#ended = true;
    this.#liveness.stop();
    this.#expiry.cancel();
    this.#callbacks.onEnd(this, { code, reason: this.#endReason ?? 'closed-by-server' });
  }
}
