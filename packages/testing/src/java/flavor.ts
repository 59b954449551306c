import { gunzipSync } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { FlavorHandler, IncomingRequest } from '../http-server.js';
import type { NodeContext } from '../node-context.js';
import { jsonReply } from '../reply.js';
import type { Reply } from '../reply.js';
import type { JsonObject } from '../types.js';
import { javaUpNodes } from './cluster.js';
import {
  javaLookup,
  javaServiceFromBody,
  javaServiceFromQuery,
  javaServices,
  javaServicesDelta,
} from './discovery.js';
import { LeaseSafety } from './lease-safety.js';
import { RateLimiter } from './rate-limiter.js';
import { cleanJavaLeases, runJavaRegistry } from './registry.js';
import { javaClusterStatus, javaConnections, javaNodeStatus } from './status.js';
import { JavaWebSockets, TOMCAT_TEXT_BUFFER_CHARS } from './websockets.js';
import { isObject, JavaUnreadableBody, sortedJson } from './wire.js';

interface Route {
  post?: (body: JsonObject) => JsonObject;
  get?: (query: URLSearchParams) => JsonObject;
}

/** The Java server: `.json` routes under the context path, Tomcat and Spring error pages. */
export class JavaFlavor implements FlavorHandler {
  readonly gzipReplies = true;
  /**
   * The most UTF-8 bytes that can decode into Tomcat's text buffer (3 bytes per UTF-16 unit);
   * the exact character limit is checked per message by the socket handlers.
   */
  readonly maxFrameBytes = 3 * TOMCAT_TEXT_BUFFER_CHARS;
  readonly #ctx: NodeContext;
  readonly #routes: Record<string, Route>;
  readonly #sockets: JavaWebSockets;
  readonly #safety: LeaseSafety | undefined;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    const { rateLimit } = ctx.options;
    const limiter = rateLimit ? new RateLimiter(rateLimit.limit, rateLimit.windowMs) : undefined;
    this.#sockets = new JavaWebSockets(ctx, limiter);
    const { selfPreservation } = ctx.options;
    this.#safety = selfPreservation ? new LeaseSafety(selfPreservation, ctx.store) : undefined;
    const registry = (operation: 'register' | 'heartbeat' | 'unregister') => (body: JsonObject) =>
      runJavaRegistry(ctx, limiter, operation, body);
    const upNodes = (operation: 'up-registry-nodes' | 'up-discovery-nodes') => () =>
      javaUpNodes(ctx, limiter, operation);

    this.#routes = {
      'api/registry/register.json': { post: registry('register') },
      'api/registry/heartbeat.json': { post: registry('heartbeat') },
      'api/registry/unregister.json': { post: registry('unregister') },
      'api/discovery/service.json': {
        post: body => javaServiceFromBody(ctx, body),
        get: query => javaServiceFromQuery(ctx, query),
      },
      'api/discovery/services.json': {
        post: () => javaServices(ctx),
        get: () => javaServices(ctx),
      },
      'api/discovery/lookup.json': { post: body => javaLookup(ctx, body) },
      'api/discovery/services-delta.json': { post: () => javaServicesDelta() },
      'api/cluster/up-registry-nodes.json': {
        post: upNodes('up-registry-nodes'),
        get: upNodes('up-registry-nodes'),
      },
      'api/cluster/up-discovery-nodes.json': {
        post: upNodes('up-discovery-nodes'),
        get: upNodes('up-discovery-nodes'),
      },
      'api/status/node.json': { post: () => javaNodeStatus(ctx), get: () => javaNodeStatus(ctx) },
      'api/status/cluster.json': {
        post: () => javaClusterStatus(ctx, limiter),
        get: () => javaClusterStatus(ctx, limiter),
      },
      'api/status/message/connections.json': {
        get: () => javaConnections(this.#sockets.sessionCounts()),
      },
    };
  }

  /** Starts the lease cleaner, the safe checker, the change publisher and the session checker. */
  start(): void {
    const { timers, options } = this.#ctx;
    timers.interval(options.cleanIntervalMs, () => cleanJavaLeases(this.#ctx, this.#safety));
    this.#safety?.start(timers);
    this.#sockets.start();
  }

  stop(): void {
    this.#safety?.stop();
    this.#sockets.stop();
  }

  /** Java answers service-unavailable inside the sockets' replies, never at the handshake. */
  upgradeRefusalStatus(): undefined {
    return undefined;
  }

  socketHandler(path: string): ((socket: WebSocket) => void) | undefined {
    const relative = this.#relative(path);
    return relative === undefined ? undefined : this.#sockets.handlerFor(relative);
  }

  handle(request: IncomingRequest): Reply {
    const relative = this.#relative(request.path);
    const route = relative === undefined ? undefined : this.#routes[relative];
    if (request.method === 'OPTIONS') return { status: 200, body: '' };
    if (!route) return tomcatError(404, 'Not Found');

    // Spring serves HEAD wherever it serves GET; Node leaves the body out of a HEAD reply.
    if ((request.method === 'GET' || request.method === 'HEAD') && route.get) {
      if (relative === 'api/discovery/service.json' && !request.query.has('serviceId')) {
        return tomcatError(400, "Required String parameter 'serviceId' is not present");
      }
      return jsonReply(sortedJson(route.get(request.query)));
    }
    if (request.method !== 'POST' || !route.post) {
      const allow = [route.get ? 'GET' : '', route.post ? 'POST' : ''].filter(Boolean).join(', ');
      return { ...tomcatError(405, 'Method Not Allowed'), headers: { allow } };
    }

    return this.#post(request, route.post);
  }

  #post(request: IncomingRequest, handler: (body: JsonObject) => JsonObject): Reply {
    const mediaType = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim();
    if (mediaType?.toLowerCase() !== 'application/json') {
      return tomcatError(415, 'Unsupported Media Type');
    }

    let body: unknown;
    try {
      const gzipped = /gzip/i.test(String(request.headers['content-encoding'] ?? ''));
      const bytes = gzipped ? gunzipSync(request.body) : request.body;
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      return tomcatError(400, 'Bad Request');
    }
    if (!isObject(body)) return tomcatError(400, 'Bad Request');

    try {
      return jsonReply(sortedJson(handler(body)));
    } catch (error) {
      if (error instanceof JavaUnreadableBody) return tomcatError(400, 'Bad Request');
      throw error;
    }
  }

  /** The path inside the web-app context, or undefined outside it. */
  #relative(path: string): string | undefined {
    const prefix = `${this.#ctx.options.contextPath}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  }
}

function tomcatError(status: number, reason: string): Reply {
  const body = `<html><head><title>Apache Tomcat - Error report</title></head><body><h1>HTTP Status ${status} - ${reason}</h1></body></html>`;
  return { status, contentType: 'text/html;charset=utf-8', body };
}
