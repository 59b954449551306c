import type { Socket } from 'node:net';

/** How long a refused client may stay silent before it is reset anyway. */
const REFUSE_AFTER_MS = 100;

/**
 * Resets a connection the proxy cannot serve, once the client has sent its first bytes. A reset
 * that lands before the client wrote anything can leave an HTTP client (undici among them)
 * waiting forever instead of failing, which is not what a refused connection looks like.
 */
export function refuse(socket: Socket): void {
  socket.on('error', () => undefined);

  const reset = () => {
    clearTimeout(timer);
    resetSocket(socket);
  };
  const timer = setTimeout(reset, REFUSE_AFTER_MS);
  timer.unref();
  socket.once('data', reset);
  socket.once('close', () => clearTimeout(timer));
}

/**
 * Resets a socket that is fully open; one that is half closed or closing is only destroyed, since
 * a reset there can leave a dead handle that keeps the process alive.
 */
export function resetSocket(socket: Socket): void {
  if (socket.readyState === 'open' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}
