import type { WebSocket } from 'ws';
import type { FlavorHandler, IncomingRequest } from '../http-server.js';
import type { NodeContext } from '../node-context.js';
import { emptyReply, jsonReply, RUST_JSON, textReply } from '../reply.js';
import type { Reply } from '../reply.js';
import { RustLookup } from './lookup.js';
import { RustDiscovery } from './discovery.js';
import { rustHeartbeat, rustRegister, rustUnregister } from './operations.js';
import { RustWebSocket } from './websocket.js';
import { rustClusterStatus, rustNodeStatus } from './status.js';
import { RustRejection, struct } from './wire.js';

interface Route {
  post?: (body: unknown) => Reply;
  get?: (query: URLSearchParams) => Reply;
}

/** axum's default body limit. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The Rust server: bare and `.json` routes, strict serde bodies, `/health`, a silent `/ws`. */
export class RustFlavor implements FlavorHandler {
  readonly gzipReplies = false;
  /** tungstenite's default message size. */
  readonly maxFrameBytes = 64 * 1024 * 1024;
  readonly #ctx: NodeContext;
  readonly #routes = new Map<string, Route>();
  readonly #socket: RustWebSocket;
  readonly #discovery: RustDiscovery;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    this.#socket = new RustWebSocket(ctx);
    const lookup = new RustLookup(ctx);
    const discovery = new RustDiscovery(ctx);
    this.#discovery = discovery;
    const json = (run: (body: unknown) => object) => (body: unknown) =>
      jsonReply(JSON.stringify(run(body)), 200, RUST_JSON);
    const both = (path: string, route: Route) => {
      this.#routes.set(path, route);
      this.#routes.set(`${path}.json`, route);
    };

    both('api/registry/register', { post: json(body => rustRegister(ctx, body)) });
    both('api/registry/heartbeat', { post: json(body => rustHeartbeat(ctx, body)) });
    both('api/registry/unregister', { post: json(body => rustUnregister(ctx, body)) });
    both('api/discovery/service', {
      post: json(body => discovery.serviceFromBody(body)),
      get: query => {
        const serviceId = query.get('serviceId');
        if (serviceId === null) {
          return textReply(400, 'Failed to deserialize query string: missing field `serviceId`');
        }
        return jsonReply(JSON.stringify(discovery.service(serviceId)), 200, RUST_JSON);
      },
    });
    both('api/discovery/services', {
      post: json(body => discovery.servicesFromBody(body)),
      get: () => jsonReply(JSON.stringify(discovery.services()), 200, RUST_JSON),
    });
    this.#routes.set('api/discovery/lookup.json', { post: body => lookup.handle(body) });
    this.#routes.set('health', { get: () => textReply(200, 'OK') });
    const status = (read: () => object): Route => ({
      get: () => jsonReply(JSON.stringify(read()), 200, RUST_JSON),
      // The request struct has no fields, but the body must still be a JSON object.
      post: json(body => {
        struct(body, '', 'GetClusterNodeStatusRequest');
        return read();
      }),
    });
    this.#routes.set(
      'api/status/node.json',
      status(() => rustNodeStatus(ctx)),
    );
    this.#routes.set(
      'api/status/cluster.json',
      status(() => rustClusterStatus(ctx)),
    );
  }

  /** Starts the eviction sweep and follows the changes that name services. */
  start(): void {
    this.#discovery.start();
    this.#ctx.timers.interval(this.#ctx.options.sweepIntervalMs, () => this.#sweep());
  }

  stop(): void {
    this.#discovery.stop();
    this.#socket.stop();
  }

  upgradeRefusalStatus(): number | undefined {
    return this.#ctx.faults.isServiceUnavailable ? 503 : undefined;
  }

  socketHandler(path: string): ((socket: WebSocket) => void) | undefined {
    if (this.#relative(path) !== 'ws') return undefined;
    return socket => this.#socket.open(socket);
  }

  handle(request: IncomingRequest): Reply {
    if (this.#ctx.faults.isServiceUnavailable) return textReply(503, 'Service Unavailable');
    if (request.method === 'OPTIONS') return emptyReply(200);

    const relative = this.#relative(request.path);
    const route = relative === undefined ? undefined : this.#routes.get(relative);
    if (!route) return emptyReply(404);

    if ((request.method === 'GET' || request.method === 'HEAD') && route.get) {
      return route.get(request.query);
    }
    if (request.method !== 'POST' || !route.post) {
      const allow = [route.get ? 'GET,HEAD' : '', route.post ? 'POST' : '']
        .filter(Boolean)
        .join(',');
      return emptyReply(405, { allow });
    }
    return this.#post(request, route.post);
  }

  #post(request: IncomingRequest, handler: (body: unknown) => Reply): Reply {
    const mediaType =
      String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    if (!/^application\/([a-z0-9.+-]+\+)?json$/i.test(mediaType)) {
      return textReply(415, 'Expected request with `Content-Type: application/json`');
    }
    if (request.body.length > MAX_BODY_BYTES) {
      return textReply(413, 'Failed to buffer the request body: length limit exceeded');
    }

    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch (error) {
      const detail = (error as Error).message;
      return textReply(400, `Failed to parse the request body as JSON: ${detail}`);
    }
    try {
      return handler(body);
    } catch (error) {
      if (error instanceof RustRejection) return textReply(error.status, error.message);
      throw error;
    }
  }

  #sweep(): void {
    const now = this.#ctx.store.now();
    for (const lease of this.#ctx.store.leases()) {
      if (now - lease.renewedAt > lease.ttlMs) this.#ctx.store.remove(lease.key);
    }
  }

  #relative(path: string): string | undefined {
    const prefix = `${this.#ctx.options.contextPath}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
  }
}
