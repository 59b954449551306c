import {
  ArtemisAbortError,
  ClientClosedError,
  deriveSignal,
  onAbort,
  TimeoutReason,
} from '@artemis/protocol';

import { WebSocketSendTimeoutError } from './errors.js';

/** What a request needs from its socket; a `ManagedSocket` fits. */
export interface RequestChannel {
  waitForOpen(signal?: AbortSignal): Promise<void>;
  /** Sends a text frame and returns the id of the session that carried it. */
  send(data: string): number;
}

/** A request waiting for its reply. */
export interface PendingReply<T> {
  /** True once resolved, rejected or abandoned; it stays queued so later replies keep their order. */
  settled: boolean;
  resolve(reply: T): void;
  reject(error: unknown): void;
}

/**
 * Requests waiting for replies that carry no id, so they are matched by position: the servers
 * answer one frame per request, in order, on the session that carried it (PROTOCOL 4.1.3, 4.2.3).
 */
export class ReplyQueue<T> {
  readonly #pending = new Map<number, Array<PendingReply<T>>>();
  #closed = false;

  /**
   * Waits for an open session, sends `frame` on it and resolves with the reply matched to it,
   * all within `timeoutMs`. Rejects with `WebSocketSendTimeoutError`, `ArtemisAbortError` when
   * `signal` fires, `ClientClosedError`, or whatever `rejectSession` is given.
   */
  async request(
    socket: RequestChannel,
    frame: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<T> {
    if (this.#closed) throw new ClientClosedError('websocket');

    const deadline = deriveSignal([signal], timeoutMs);
    try {
      await socket.waitForOpen(deadline.signal);
      return await this.#exchange(() => socket.send(frame), deadline.signal);
    } catch (error) {
      if (deadline.signal.reason instanceof TimeoutReason) {
        throw new WebSocketSendTimeoutError(timeoutMs);
      }
      if (signal?.aborted) throw new ArtemisAbortError(signal.reason);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /** The oldest request of a session, which the reply that just arrived belongs to. */
  take(sessionId: number): PendingReply<T> | undefined {
    const queue = this.#pending.get(sessionId);
    const entry = queue?.shift();
    if (queue?.length === 0) this.#pending.delete(sessionId);
    return entry;
  }

  /** Rejects every request still waiting on a session that ended. */
  rejectSession(sessionId: number, error: Error): void {
    const queue = this.#pending.get(sessionId);
    this.#pending.delete(sessionId);
    for (const entry of queue ?? []) entry.reject(error);
  }

  /** Rejects every waiting request and refuses new ones with `ClientClosedError`. */
  close(): void {
    this.#closed = true;
    for (const sessionId of [...this.#pending.keys()]) {
      this.rejectSession(sessionId, new ClientClosedError('websocket'));
    }
  }

  #exchange(send: () => number, signal: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      // Every frame of a heartbeat batch may share one signal: onAbort keeps it at one listener.
      let stopWaiting: (() => void) | undefined;
      const settle = (finish: () => void): void => {
        if (entry.settled) return;

        entry.settled = true;
        stopWaiting?.();
        finish();
      };
      const entry: PendingReply<T> = {
        settled: false,
        resolve: reply => settle(() => resolve(reply)),
        reject: error => settle(() => reject(error)),
      };

      const sessionId = send();
      const queue = this.#pending.get(sessionId) ?? [];
      queue.push(entry);
      this.#pending.set(sessionId, queue);
      if (!entry.settled) {
        stopWaiting = onAbort(signal, () => entry.reject(new ArtemisAbortError(signal.reason)));
      }
    });
  }
}
