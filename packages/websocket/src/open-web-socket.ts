import { ArtemisAbortError } from '@artemis/protocol';
import { WebSocket } from 'ws';
import type { ClientOptions } from 'ws';

import { WebSocketConnectError } from './errors.js';
import type { WebSocketConfig } from './options.js';
import { redactUrl } from './redact-url.js';

/** Incoming frames larger than this close the socket (1009); no Artemis frame comes near it. */
const MAX_INCOMING_FRAME_BYTES = 1024 * 1024;

/**
 * Opens one WebSocket and resolves once the handshake is done, with the configured headers, TLS
 * material and handshake deadline. Rejects with `WebSocketConnectError` (or `ArtemisAbortError`
 * when `signal` fires); the error message names the URL without credentials.
 */
export function openWebSocket(
  url: string,
  config: WebSocketConfig,
  signal: AbortSignal,
): Promise<WebSocket> {
  if (signal.aborted) return Promise.reject(new ArtemisAbortError(signal.reason));

  const options: ClientOptions = {
    headers: { ...config.headers },
    handshakeTimeout: config.websocketConnectTimeoutMs,
    perMessageDeflate: false,
    maxPayload: MAX_INCOMING_FRAME_BYTES,
    followRedirects: false,
    rejectUnauthorized: config.tls?.rejectUnauthorized ?? true,
  };
  if (config.tls?.ca !== undefined) options.ca = config.tls.ca;
  if (config.tls?.cert !== undefined) options.cert = config.tls.cert;
  if (config.tls?.key !== undefined) options.key = config.tls.key;

  let socket: WebSocket;
  try {
    socket = new WebSocket(url, options);
  } catch {
    // The constructor's own message repeats the URL, credentials included, so it is not kept.
    return Promise.reject(new WebSocketConnectError(redactUrl(url)));
  }

  return new Promise((resolve, reject) => {
    const settle = (error?: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      socket.off('open', onOpen);
      socket.off('error', onError);
      if (error === undefined) resolve(socket);
      else reject(error);
    };
    const onOpen = (): void => settle();
    const onError = (error: Error): void => {
      socket.terminate();
      settle(new WebSocketConnectError(redactUrl(url), { cause: describeCause(error) }));
    };
    const onAbort = (): void => {
      socket.terminate();
      settle(new ArtemisAbortError(signal.reason));
    };

    // ws emits 'error' after a terminate during the handshake; this listener stays so it never
    // becomes an unhandled 'error' event.
    socket.on('error', ignoreLateError);
    socket.once('open', onOpen);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function ignoreLateError(): void {
  // Reported by the session that owns the socket, if any.
}

/** The cause without anything that could hold a header value: only its code and message. */
function describeCause(error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const described = new Error(error.message);
  if (code !== undefined) (described as NodeJS.ErrnoException).code = code;
  return described;
}
