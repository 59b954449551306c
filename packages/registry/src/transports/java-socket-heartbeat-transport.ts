import type { JavaHeartbeatSocket } from '@artemis/websocket';
import type { RegistrationInstance, SdkLogger } from '@artemis/protocol';
import { silentLogger } from '@artemis/protocol';

import { RegistryNodeUnavailableError, RegistryRequestRejectedError } from '../errors.js';
import type {
  HeartbeatOutcome,
  RegisterOutcome,
  RegistryTransport,
} from '../registry-transport.js';
import { chunkByFrameSize, settleWithLimit } from './batches.js';
import type { HttpRegistryTransport } from './http-registry-transport.js';
import { FlavorResolver } from './flavor-source.js';
import { heartbeatBody } from './request-bodies.js';
import type { FlavorSource } from './flavor-source.js';
import { mergeHeartbeats } from './merge-outcomes.js';
import { readHeartbeatReply } from './read-outcome.js';

/** The part of `JavaHeartbeatSocket` the transport uses. */
export type HeartbeatSocket = Pick<JavaHeartbeatSocket, 'send' | 'maxFrameBytes' | 'close'>;

/** Options of {@link JavaSocketHeartbeatTransport}. */
export interface JavaSocketHeartbeatTransportOptions {
  /** Carries register, unregister, Rust heartbeats and the fallback. */
  http: HttpRegistryTransport;
  /**
   * The Java heartbeat socket, or a function that opens it when the first Java heartbeat is due;
   * a socket opened that way belongs to the transport and is closed with it.
   */
  socket: HeartbeatSocket | (() => HeartbeatSocket);
  /** The server flavour; the socket is used only on `java`. */
  flavor: FlavorSource;
  /** Send over HTTP a frame the socket could not carry (socket down, frame too big). @default true */
  fallbackToHttp?: boolean;
  logger?: SdkLogger;
}

/**
 * Heartbeats over the Java server's `/ws/registry/heartbeat` socket (PROTOCOL 4.1.3), split into
 * frames under the socket's limit (8 KiB) and pipelined on one session; register and unregister
 * still go over HTTP. On a Rust server every call goes over HTTP.
 */
export class JavaSocketHeartbeatTransport implements RegistryTransport {
  readonly #http: HttpRegistryTransport;
  readonly #flavor: FlavorResolver;
  readonly #socketSource: HeartbeatSocket | (() => HeartbeatSocket);
  readonly #fallback: boolean;
  readonly #logger: SdkLogger;
  #socket: HeartbeatSocket | undefined;
  #ownsSocket = false;
  #closed = false;

  constructor(options: JavaSocketHeartbeatTransportOptions) {
    this.#http = options.http;
    this.#flavor = new FlavorResolver(options.flavor);
    this.#socketSource = options.socket;
    this.#fallback = options.fallbackToHttp ?? true;
    this.#logger = options.logger ?? silentLogger;
  }

  register(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<RegisterOutcome> {
    return this.#http.register(instances, signal);
  }

  unregister(instances: readonly RegistrationInstance[], signal: AbortSignal): Promise<void> {
    return this.#http.unregister(instances, signal);
  }

  async heartbeat(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<HeartbeatOutcome> {
    if ((await this.#flavor.resolve()) !== 'java' || this.#closed) {
      return this.#http.heartbeat(instances, signal);
    }

    const socket = this.#openSocket();
    const frames = chunkByFrameSize(instances, 'instances', socket.maxFrameBytes);
    const results = await settleWithLimit(frames, 8, frame =>
      this.#sendFrame(socket, frame, signal),
    );
    return mergeHeartbeats(results);
  }

  /**
   * The watchdog gave up on the node this socket talks to. A socket the transport opened is
   * dropped, so the next beat opens a new one on the address manager's new current node; a socket
   * handed in by the caller is left to the caller.
   */
  nodeMarkedDown(): void {
    if (!this.#ownsSocket || !this.#socket) return;

    const stale = this.#socket;
    this.#socket = undefined;
    this.#ownsSocket = false;
    stale.close().catch(error => {
      this.#logger.warn('Closing the heartbeat socket of a marked-down node failed', { error });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsSocket) await this.#socket?.close();
  }

  async #sendFrame(
    socket: HeartbeatSocket,
    frame: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<Omit<HeartbeatOutcome, 'errors' | 'requests'>> {
    try {
      const reply = await socket.send(heartbeatBody(frame, 'java'), signal);
      return readHeartbeatReply(frame, reply, 'java');
    } catch (error) {
      if (!this.#fallback || signal.aborted || error instanceof RegistryRequestRejectedError) {
        throw error;
      }
      // A node that says it cannot serve gets no more frames: the HTTP client fails over to
      // another node, and the next beat opens a socket there.
      if (error instanceof RegistryNodeUnavailableError) this.nodeMarkedDown();
      this.#logger.debug('Heartbeat frame not carried by the socket; sending it over HTTP', {
        count: frame.length,
        error,
      });
      return this.#http.heartbeatChunk(frame, 'java', signal);
    }
  }

  #openSocket(): HeartbeatSocket {
    if (this.#socket) return this.#socket;

    if (typeof this.#socketSource === 'function') {
      this.#socket = this.#socketSource();
      this.#ownsSocket = true;
    } else {
      this.#socket = this.#socketSource;
    }
    return this.#socket;
  }
}
