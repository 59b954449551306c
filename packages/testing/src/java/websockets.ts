import type { WebSocket } from 'ws';
import { rawDataToString } from '../http-server.js';
import type { NodeContext } from '../node-context.js';
import type { EmulatorChange } from '../types.js';
import type { RateLimiter } from './rate-limiter.js';
import { runJavaRegistry } from './registry.js';
import { field, isObject, JavaUnreadableBody, sortedJson, writeJavaInstance } from './wire.js';

/** What HeartbeatWsHandler sends for a frame it could not process. */
export const FIXED_HEARTBEAT_SUCCESS =
  '{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}';

/**
 * Tomcat decodes a text message into a buffer of 8192 UTF-16 units (characters, not bytes) and
 * closes the session with 1009 when a whole message does not fit.
 */
export const TOMCAT_TEXT_BUFFER_CHARS = 8192;

type SessionKind = 'heartbeat' | 'instance-change' | 'all-instance-change';

interface Session {
  readonly kind: SessionKind;
  readonly openedAt: number;
  /** Exact serviceIds this instance-change session subscribed to. */
  readonly services: Set<string>;
}

/** The three Java WebSocket handlers, the change publisher and the session TTL checker. */
export class JavaWebSockets {
  readonly #ctx: NodeContext;
  readonly #limiter: RateLimiter | undefined;
  readonly #sessions = new Map<WebSocket, Session>();
  #unsubscribe: (() => void) | undefined;

  constructor(ctx: NodeContext, limiter: RateLimiter | undefined) {
    this.#ctx = ctx;
    this.#limiter = limiter;
  }

  start(): void {
    this.#unsubscribe = this.#ctx.store.onChange(change => this.#publish(change));
    this.#ctx.timers.interval(this.#ctx.options.sessionCheckIntervalMs, () => this.#expire());
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#sessions.clear();
  }

  /** Open sessions of the heartbeat (`registry`) and instance-change (`discovery`) handlers. */
  sessionCounts(): { registry: number; discovery: number } {
    const sessions = [...this.#sessions.values()];
    return {
      registry: sessions.filter(session => session.kind === 'heartbeat').length,
      discovery: sessions.filter(session => session.kind === 'instance-change').length,
    };
  }

  /** The handler for a path relative to the context path, if it is a Java socket path. */
  handlerFor(relativePath: string): ((socket: WebSocket) => void) | undefined {
    const kinds: Record<string, SessionKind> = {
      'ws/registry/heartbeat': 'heartbeat',
      'ws/discovery/instance-change': 'instance-change',
      'ws/discovery/all-instance-change': 'all-instance-change',
    };
    const kind = kinds[relativePath];
    return kind ? socket => this.#open(socket, kind) : undefined;
  }

  #open(socket: WebSocket, kind: SessionKind): void {
    const session: Session = { kind, openedAt: this.#ctx.store.now(), services: new Set() };
    this.#sessions.set(socket, session);
    socket.on('close', () => this.#sessions.delete(socket));
    socket.on('message', (data, isBinary) => {
      // TextWebSocketHandler refuses binary messages.
      if (isBinary) {
        socket.close(1003, 'Binary messages not supported');
        return;
      }
      const text = rawDataToString(data);
      if (text.length > TOMCAT_TEXT_BUFFER_CHARS) {
        socket.close(1009, 'The decoded text message was too big for the output buffer');
        return;
      }
      this.#onText(socket, session, text);
    });
  }

  #onText(socket: WebSocket, session: Session, text: string): void {
    if (session.kind === 'heartbeat') {
      this.#ctx.send(socket, this.#heartbeatReply(text));
      return;
    }
    if (session.kind !== 'instance-change') return;

    // A frame that does not parse is only logged by the server: no reply of any kind.
    try {
      const config: unknown = JSON.parse(text);
      const serviceId = isObject(config) ? field(config, 'serviceId') : undefined;
      if (typeof serviceId === 'string') session.services.add(serviceId);
    } catch {
      return;
    }
  }

  #heartbeatReply(text: string): string {
    try {
      const body: unknown = JSON.parse(text);
      return sortedJson(runJavaRegistry(this.#ctx, this.#limiter, 'heartbeat', body));
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof JavaUnreadableBody) {
        return FIXED_HEARTBEAT_SUCCESS;
      }
      throw error;
    }
  }

  #publish(change: EmulatorChange): void {
    if (this.#ctx.faults.isDroppingPushes) return;

    const frame = sortedJson({
      changeTime: change.changeTime,
      changeType: change.changeType,
      instance: writeJavaInstance(change.instance),
    });
    for (const [socket, session] of this.#sessions) {
      const wanted =
        session.kind === 'all-instance-change' ||
        (session.kind === 'instance-change' && session.services.has(change.instance.serviceId));
      if (wanted) this.#ctx.send(socket, frame);
    }
  }

  /** Closes every session older than the session TTL, whatever it is doing. */
  #expire(): void {
    const now = this.#ctx.store.now();
    for (const [socket, session] of this.#sessions) {
      if (now - session.openedAt >= this.#ctx.options.sessionTtlMs) {
        this.#sessions.delete(socket);
        // WebSocketSession.close(): a normal closure with no reason.
        socket.close(1000);
      }
    }
  }
}
