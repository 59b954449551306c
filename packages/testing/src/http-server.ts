import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { EmulatorFaults } from './faults.js';
import type { Recorder } from './recorder.js';
import { garbageReply, garbageText } from './reply.js';
import type { Reply } from './reply.js';
import type { TimerSet } from './timers.js';
import type { EmulatorTlsOptions } from './types.js';

/** An HTTP request, read in full, as a flavour's routes see it. */
export interface IncomingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What a flavour plugs into the server. */
export interface FlavorHandler {
  handle(request: IncomingRequest): Reply | Promise<Reply>;
  /** The handler of a WebSocket path, or undefined for a 404 handshake. */
  socketHandler(path: string): ((socket: WebSocket) => void) | undefined;
  /** A status that refuses every upgrade right now (Rust while service-unavailable), if any. */
  upgradeRefusalStatus(): number | undefined;
  /** Java gzips replies for clients that accept it (ziplet). */
  readonly gzipReplies: boolean;
  /** The largest text frame accepted; a larger one closes the socket with 1009. */
  readonly maxFrameBytes: number;
}

interface ServerDeps {
  host: string;
  tls: EmulatorTlsOptions | undefined;
  faults: EmulatorFaults;
  recorder: Recorder;
  timers: TimerSet;
  flavor: FlavorHandler;
}

const GZIP_THRESHOLD_BYTES = 1024;
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** The listener of one node: HTTP routes, WebSocket upgrades, faults, logging. */
export class EmulatorHttpServer {
  readonly #deps: ServerDeps;
  readonly #sockets = new Set<Socket>();
  readonly #webSockets = new Set<WebSocket>();
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #port = 0;

  constructor(deps: ServerDeps) {
    this.#deps = deps;
  }

  get port(): number {
    return this.#port;
  }

  /** Open TCP connections, WebSockets included. */
  get connectionCount(): number {
    return this.#sockets.size;
  }

  get webSockets(): ReadonlySet<WebSocket> {
    return this.#webSockets;
  }

  async listen(port: number): Promise<number> {
    const { tls, host } = this.#deps;
    const server = tls
      ? createHttpsServer({
          key: tls.key,
          cert: tls.cert,
          ...(tls.ca === undefined ? {} : { ca: tls.ca }),
          requestCert: tls.requestCert ?? false,
          rejectUnauthorized: tls.requestCert ?? false,
        })
      : createHttpServer();
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.#deps.flavor.maxFrameBytes,
      autoPong: false,
    });
    server.on('connection', socket => this.#track(socket));
    server.on('secureConnection', socket => this.#track(socket));
    server.on('request', (req, res) => void this.#onRequest(req, res));
    server.on('upgrade', (req, socket, head) => void this.#onUpgrade(req, socket as Socket, head));

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.#port;
  }

  /** Closes the listener, every WebSocket and every connection. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#webSockets) socket.terminate();
    this.#webSockets.clear();
    this.#wss?.close();
    this.#wss = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Sends a text frame as the faults allow: never while stalled, late, or as garbage. */
  send(socket: WebSocket, text: string): void {
    const { faults, timers } = this.#deps;
    if (faults.isStalled) return;

    const kind = faults.garbageKind;
    const data = kind ? garbageText(kind, text) : text;
    const write = () => {
      if (socket.readyState === socket.OPEN) socket.send(data, () => undefined);
    };
    if (faults.latencyMs > 0) timers.timeout(faults.latencyMs, write);
    else write();
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults, timers, flavor } = this.#deps;
    const body = await readBody(req);
    if (body === undefined) return;

    const url = new URL(req.url ?? '/', 'http://emulator');
    this.#record(req, url, body);
    if (faults.isStalled) return;

    if (faults.latencyMs > 0) await timers.delay(faults.latencyMs);
    const failure = faults.takeFailure(false);
    let reply: Reply;
    try {
      reply =
        failure !== undefined
          ? {
              status: failure,
              contentType: 'text/plain',
              body: `Injected failure ${failure}`,
              ...(faults.retryAfter === undefined
                ? {}
                : { headers: { 'retry-after': faults.retryAfter } }),
            }
          : await flavor.handle({
              method: req.method ?? 'GET',
              path: url.pathname,
              query: url.searchParams,
              headers: req.headers,
              body,
            });
    } catch (error) {
      reply = { status: 500, contentType: 'text/plain', body: `Emulator error: ${String(error)}` };
    }
    const kind = faults.garbageKind;
    if (kind && failure === undefined) reply = garbageReply(kind, reply);
    this.#write(req, res, reply);
  }

  #write(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      'access-control-allow-origin': '*',
      ...reply.headers,
    };
    if (reply.contentType) headers['content-type'] = reply.contentType;
    let payload: Buffer = Buffer.from(reply.body, 'utf8');
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (this.#deps.flavor.gzipReplies && acceptsGzip && payload.length >= GZIP_THRESHOLD_BYTES) {
      payload = gzipSync(payload);
      headers['content-encoding'] = 'gzip';
      headers['vary'] = 'Accept-Encoding';
    }
    headers['content-length'] = String(payload.length);
    if (res.destroyed) return;
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  async #onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const { faults, timers, flavor, recorder } = this.#deps;
    const url = new URL(req.url ?? '/', 'http://emulator');
    this.#record(req, url, Buffer.alloc(0));
    if (faults.isStalled) return;

    if (faults.latencyMs > 0) await timers.delay(faults.latencyMs);
    const failure = faults.takeFailure(true) ?? flavor.upgradeRefusalStatus();
    const handler = flavor.socketHandler(url.pathname);
    const wss = this.#wss;
    if (failure !== undefined || !handler || !wss) {
      const status = failure ?? 404;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }

    wss.handleUpgrade(req, socket, head, webSocket => {
      this.#webSockets.add(webSocket);
      webSocket.on('close', () => this.#webSockets.delete(webSocket));
      webSocket.on('error', () => undefined);
      webSocket.on('ping', data => {
        if (!faults.isStalled) webSocket.pong(data);
      });
      webSocket.on('message', (data, isBinary) => {
        recorder.frame({
          path: url.pathname,
          data: rawDataToString(data),
          binary: isBinary,
          receivedAt: Date.now(),
        });
      });
      handler(webSocket);
    });
  }

  #record(req: IncomingMessage, url: URL, body: Buffer): void {
    this.#deps.recorder.request({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: describeBody(req, body),
      receivedAt: Date.now(),
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_READ_BYTES) {
        req.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

function describeBody(req: IncomingMessage, body: Buffer): unknown {
  if (body.length === 0) return undefined;

  let text: string;
  try {
    const gzipped = /gzip/i.test(String(req.headers['content-encoding'] ?? ''));
    text = (gzipped ? gunzipSync(body) : body).toString('utf8');
  } catch {
    text = body.toString('utf8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Text of a ws message, whatever buffer shape ws delivered it in. */
export function rawDataToString(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
