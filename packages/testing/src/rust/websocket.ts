import type { WebSocket } from 'ws';
import { rawDataToString } from '../http-server.js';
import type { NodeContext } from '../node-context.js';

/**
 * R's `/ws`: answers subscribe, unsubscribe and ping, reports bad frames with an `error` frame,
 * ignores binary frames, and never pushes a change (nothing on the server calls its broadcast).
 */
export class RustWebSocket {
  readonly #ctx: NodeContext;
  /** Subscriptions per socket, exact service_id strings; kept only to answer like the server. */
  readonly #subscriptions = new Map<WebSocket, string[]>();

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
  }

  open(socket: WebSocket): void {
    this.#subscriptions.set(socket, []);
    socket.on('close', () => this.#subscriptions.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.#ctx.send(socket, JSON.stringify(this.#answer(socket, rawDataToString(data))));
    });
  }

  stop(): void {
    this.#subscriptions.clear();
  }

  #answer(socket: WebSocket, text: string): Record<string, unknown> {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch (error) {
      return { type: 'error', message: (error as Error).message };
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      return {
        type: 'error',
        message: 'invalid type: expected internally tagged enum ClientMessage',
      };
    }

    const { type, service_id: serviceId } = frame as Record<string, unknown>;
    if (type === undefined) return { type: 'error', message: 'missing field `type`' };
    if (type === 'ping') return { type: 'pong' };
    if (type !== 'subscribe' && type !== 'unsubscribe') {
      const message = `unknown variant \`${String(type)}\`, expected one of \`subscribe\`, \`unsubscribe\`, \`ping\``;
      return { type: 'error', message };
    }
    if (typeof serviceId !== 'string') {
      const message =
        serviceId === undefined ? 'missing field `service_id`' : 'invalid type, expected a string';
      return { type: 'error', message };
    }

    const list = this.#subscriptions.get(socket) ?? [];
    if (type === 'subscribe') {
      list.push(serviceId);
      return { type: 'subscribed', service_id: serviceId };
    }
    const index = list.indexOf(serviceId);
    if (index >= 0) list.splice(index, 1);
    return { type: 'unsubscribed', service_id: serviceId };
  }
}
