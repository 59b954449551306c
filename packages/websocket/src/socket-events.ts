import { TypedEvents } from '@artemis/protocol';
import type { ArtemisError, SdkLogger } from '@artemis/protocol';

import type { WebSocketConnectError } from './errors.js';
import type { SocketSide } from './options.js';
import type { SessionEndReason } from './socket-session.js';

/** The connection state of a managed socket. */
export type SocketState = 'connecting' | 'open' | 'closed';

/** Events of a managed socket and of every dialect built on it. URLs are free of credentials. */
export interface ManagedSocketEvents {
  /** The connection state changed. `url` is the socket URL being dialled or in use. */
  state: { side: SocketSide; state: SocketState; url?: string };
  /**
   * A reconnect was scheduled. `attempt` counts reconnects since the last stable session (1 is
   * the first), `delayMs` is the wait before it, `reason` why the previous session ended.
   */
  reconnect: { side: SocketSide; attempt: number; delayMs: number; reason: string };
  /**
   * Opening a socket failed (handshake refused, TLS check failed, timeout, network error). A
   * reconnect follows. The error's message and cause name the URL without credentials.
   */
  'connect-error': { side: SocketSide; url: string; error: WebSocketConnectError };
  /** A frame from the server was skipped (not text, not JSON, wrong shape, unexpected). */
  'frame-error': { side: SocketSide; error: ArtemisError };
  /** One session (one underlying socket) ended; `code` is its close code (1006 when none). */
  'session-closed': {
    side: SocketSide;
    sessionId: number;
    url: string;
    code: number;
    reason: SessionEndReason;
  };
  /** The session reached its maximum age and a new one replaced it. */
  'session-rotated': {
    side: SocketSide;
    url: string;
    previousSessionId: number;
    sessionId: number;
  };
}

/**
 * The event hub of a socket: a listener that throws is logged, never rethrown, and every event
 * is also published on the `artemis:websocket:<event>` diagnostics channel.
 */
export function createSocketEvents<E extends object>(logger: SdkLogger): TypedEvents<E> {
  return new TypedEvents<E>(
    (error, event) =>
      logger.warn('A WebSocket event listener threw', { event, error: String(error) }),
    { diagnostics: 'websocket' },
  );
}
