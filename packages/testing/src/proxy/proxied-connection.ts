import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { refuse, resetSocket } from './refuse.js';

export interface ProxyTarget {
  host: string;
  port: number;
}

/**
 * One client connection and its upstream twin. Bytes flow both ways while it is open; while held,
 * nothing moves: incoming bytes wait in the kernel buffers (the sockets stop reading), and the
 * upstream connection of a client that arrived during a hold is only opened on release.
 */
export class ProxiedConnection {
  readonly #client: Socket;
  readonly #target: ProxyTarget;
  readonly #onEnd: (connection: ProxiedConnection) => void;
  #upstream: Socket | undefined;
  #held: boolean;
  #upstreamConnected = false;
  #ended = false;

  constructor(
    client: Socket,
    target: ProxyTarget,
    held: boolean,
    onEnd: (connection: ProxiedConnection) => void,
  ) {
    this.#client = client;
    this.#target = target;
    this.#held = held;
    this.#onEnd = onEnd;

    client.on('error', () => this.destroy());
    client.on('close', () => this.destroy());
    if (held) client.pause();
    else this.#connectUpstream();
  }

  /** Stops forwarding in both directions, keeping both connections open. */
  hold(): void {
    this.#held = true;
    this.#client.pause();
    this.#upstream?.pause();
  }

  /** Forwards again, whatever arrived during the hold first. */
  release(): void {
    if (this.#ended || !this.#held) return;

    this.#held = false;
    if (!this.#upstream) {
      this.#connectUpstream();
      return;
    }
    this.#client.resume();
    this.#upstream.resume();
  }

  /** Ends both sides at once with a TCP reset, as a network that lost the connection. */
  reset(): void {
    if (this.#ended) return;

    resetSocket(this.#client);
    if (this.#upstream) resetSocket(this.#upstream);
    this.destroy();
  }

  #refuseClient(): void {
    if (this.#ended) return;

    this.#ended = true;
    this.#client.resume();
    refuse(this.#client);
    this.#onEnd(this);
  }

  destroy(): void {
    if (this.#ended) return;

    this.#ended = true;
    this.#client.destroy();
    this.#upstream?.destroy();
    this.#onEnd(this);
  }

  #connectUpstream(): void {
    const upstream = connect(this.#target.port, this.#target.host);
    this.#upstream = upstream;
    upstream.on('error', () => {
      // The target refused or is gone: the client sees its connection reset, not hang.
      if (!this.#upstreamConnected) this.#refuseClient();
      else this.destroy();
    });
    upstream.on('close', () => this.destroy());
    upstream.once('connect', () => {
      this.#upstreamConnected = true;
      if (this.#ended) return;

      this.#forward(this.#client, upstream);
      this.#forward(upstream, this.#client);
      // The client may have been paused by a hold before its upstream existed.
      if (this.#held) this.hold();
      else this.#client.resume();
    });
  }

  /**
   * Copies bytes from one socket to the other by hand rather than with pipe(), because pipe()
   * resumes its source after a drain and would end a hold.
   */
  #forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => {
      if (!this.#held) from.resume();
    });
    from.on('end', () => to.end());
  }
}
