import { ArtemisError } from '@artemis/protocol';

/**
 * A frame was refused before sending because it is larger than the server accepts. The Java
 * server closes a session that receives a text message over 8 KiB, so the SDK never sends one.
 */
export class FrameTooLargeError extends ArtemisError {
  override readonly name = 'FrameTooLargeError';

  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      'ARTEMIS_WS_FRAME_TOO_LARGE',
      `A WebSocket frame of ${sizeBytes} bytes exceeds the ${limitBytes}-byte limit`,
    );
  }
}

/** A frame was sent while no socket was open (connecting, reconnecting or waiting for budget). */
export class WebSocketNotOpenError extends ArtemisError {
  override readonly name = 'WebSocketNotOpenError';

  constructor() {
    super('ARTEMIS_WS_NOT_OPEN', 'The WebSocket is not open');
  }
}

/** The socket dropped while a request on it was still waiting for its reply. */
export class WebSocketDisconnectedError extends ArtemisError {
  override readonly name = 'WebSocketDisconnectedError';

  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(
      'ARTEMIS_WS_DISCONNECTED',
      `The WebSocket closed before the reply arrived (${reason})`,
      options,
    );
  }
}

/** A request sent over a socket got no reply within its deadline. */
export class WebSocketSendTimeoutError extends ArtemisError {
  override readonly name = 'WebSocketSendTimeoutError';

  constructor(readonly timeoutMs: number) {
    super('ARTEMIS_WS_SEND_TIMEOUT', `No WebSocket reply within ${timeoutMs} ms`);
  }
}

/** Opening a socket failed: handshake refused, TLS error, timeout or network error. */
export class WebSocketConnectError extends ArtemisError {
  override readonly name = 'WebSocketConnectError';

  constructor(url: string, options: { cause?: unknown } = {}) {
    super('ARTEMIS_WS_CONNECT_FAILED', `Could not open a WebSocket to ${url}`, options);
  }
}

/**
 * A frame from the server could not be used: not text, not JSON, the wrong shape, a reply nobody
 * waited for, or an `error` frame from the Rust server. It is skipped and reported, never thrown
 * into the application.
 */
export class InvalidFrameError extends ArtemisError {
  override readonly name = 'InvalidFrameError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ARTEMIS_WS_INVALID_FRAME', message, options);
  }
}
