import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { ProxiedConnection } from './proxied-connection.js';
import { refuse } from './refuse.js';
import type { ProxyTarget } from './proxied-connection.js';

/** Options of `startTcpProxy`. */
export interface TcpProxyOptions {
  /**
   * Where to forward: a URL (its host and port are used; scheme and path carry over to the
   * proxy's `url`) or a host and port.
   */
  target: string | ProxyTarget;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
}

/**
 * What a paused proxy does with connections. `hold`: keep them open and forward nothing (a
 * partition where packets vanish; clients see timeouts). `drop`: reset the open ones and every
 * new one (a partition where the peer is unreachable; clients see connection errors).
 */
export type PauseMode = 'hold' | 'drop';

/** A TCP proxy in front of a server, for partition tests. Create it with `startTcpProxy`. */
export class TcpProxy {
  readonly #server: Server;
  readonly #target: ProxyTarget;
  readonly #targetUrl: URL | undefined;
  readonly #connections = new Set<ProxiedConnection>();
  readonly #address: AddressInfo;
  #pauseMode: PauseMode | undefined;
  #closed = false;

  /** @internal use `startTcpProxy`; `server` is listening already. */
  constructor(server: Server, target: ProxyTarget, targetUrl: URL | undefined) {
    this.#server = server;
    this.#address = server.address() as AddressInfo;
    this.#target = target;
    this.#targetUrl = targetUrl;
    server.on('connection', socket => this.#accept(socket));
  }

  get host(): string {
    return this.#address.address;
  }

  get port(): number {
    return this.#address.port;
  }

  /**
   * The target URL with the proxy's host and port, for example `http://127.0.0.1:5100/artemis`
   * for a target `http://127.0.0.1:4000/artemis`; `tcp://host:port` for a host-and-port target.
   */
  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    if (!this.#targetUrl) return `tcp://${host}:${this.port}`;

    const url = new URL(this.#targetUrl.href);
    url.hostname = host;
    url.port = String(this.port);
    return url.href.replace(/\/$/, '');
  }

  get isPaused(): boolean {
    return this.#pauseMode !== undefined;
  }

  /** Client connections currently open through the proxy. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Stops forwarding; see `PauseMode`. New connections are accepted, then held or reset. */
  pause(mode: PauseMode = 'hold'): void {
    this.#pauseMode = mode;
    for (const connection of [...this.#connections]) {
      if (mode === 'hold') connection.hold();
      else connection.reset();
    }
  }

  /** Forwards again; held connections deliver what was waiting in both directions. */
  resume(): void {
    this.#pauseMode = undefined;
    for (const connection of this.#connections) connection.release();
  }

  /** Resets every open connection (both sides); the proxy keeps accepting new ones. */
  cutConnections(): void {
    for (const connection of [...this.#connections]) connection.reset();
  }

  /** Stops listening and resets every connection; idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;

    this.#closed = true;
    this.cutConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #accept(socket: Socket): void {
    if (this.#pauseMode === 'drop' || this.#closed) {
      refuse(socket);
      return;
    }

    const held = this.#pauseMode === 'hold';
    const connection = new ProxiedConnection(socket, this.#target, held, ended =>
      this.#connections.delete(ended),
    );
    this.#connections.add(connection);
  }
}

/** Starts a TCP proxy that forwards every connection to `target` until paused or closed. */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const { target, targetUrl } = resolveTarget(options.target);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return new TcpProxy(server, target, targetUrl);
}

function resolveTarget(target: string | ProxyTarget): {
  target: ProxyTarget;
  targetUrl: URL | undefined;
} {
  if (typeof target !== 'string') return { target, targetUrl: undefined };

  const url = new URL(target);
  const defaultPorts: Record<string, number> = {
    'http:': 80,
    'ws:': 80,
    'https:': 443,
    'wss:': 443,
  };
  const port = url.port ? Number(url.port) : defaultPorts[url.protocol];
  if (port === undefined) throw new TypeError(`No port in proxy target: ${target}`);

  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { target: { host, port }, targetUrl: url };
}
