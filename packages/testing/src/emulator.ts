import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { EmulatorFaults } from './faults.js';
import { EmulatorHttpServer } from './http-server.js';
import { JavaFlavor } from './java/flavor.js';
import { leaseTtlOf } from './java/registry.js';
import { javaKeyOf } from './java/wire.js';
import type { NodeContext } from './node-context.js';
import { resolveOptions } from './options.js';
import type { ArtemisEmulatorOptions, ResolvedOptions } from './options.js';
import { Recorder } from './recorder.js';
import { RustFlavor } from './rust/flavor.js';
import { rustKeyOf } from './rust/wire.js';
import { EmulatorStore } from './store.js';
import type { ClusterMember } from './store.js';
import { TimerSet } from './timers.js';
import type {
  EmulatorFlavor,
  EmulatorInstance,
  EmulatorInstanceKey,
  RecordedFrame,
  RecordedRequest,
} from './types.js';
import { waitFor } from './wait-for.js';

/** One emulated Artemis server node. Create it with `startArtemisEmulator`. */
export class ArtemisEmulator {
  readonly flavor: EmulatorFlavor;
  /** The leases and changes this node serves; shared by every node of a cluster. */
  readonly store: EmulatorStore;
  readonly faults: EmulatorFaults;
  readonly #options: ResolvedOptions;
  readonly #recorder: Recorder;
  readonly #timers = new TimerSet();
  readonly #flavor: JavaFlavor | RustFlavor;
  readonly #leaveCluster: () => void;
  #server: EmulatorHttpServer | undefined;
  #port: number;
  #advertisedUrl: string | undefined;
  #closed = false;

  constructor(options: ArtemisEmulatorOptions = {}) {
    this.#options = resolveOptions(options);
    this.#recorder = new Recorder(this.#options.maxLogEntries);
    this.flavor = this.#options.flavor;
    this.#port = this.#options.port;
    this.store = options.store ?? new EmulatorStore();
    this.faults = new EmulatorFaults({
      closeSockets: (code, reason) => this.#closeSockets(code, reason),
      clearState: () => this.store.clear(),
    });
    const member: ClusterMember = {
      nodeUrl: () => `${this.advertisedUrl}/`,
      regionId: this.#options.regionId,
      zoneId: this.#options.zoneId,
      isUp: () => this.isRunning && !this.faults.isServiceUnavailable,
      nodeId: randomUUID(),
      listenUrl: () => `http://${urlHost(this.#options.host)}:${this.#port}`,
    };
    const ctx: NodeContext = {
      options: this.#options,
      store: this.store,
      faults: this.faults,
      timers: this.#timers,
      member,
      send: (socket, text) => this.#server?.send(socket, text),
    };
    this.#flavor = this.flavor === 'java' ? new JavaFlavor(ctx) : new RustFlavor(ctx);
    this.#leaveCluster = this.store.join(member);
  }

  /** Base URL with the context path and no trailing '/', for example `http://127.0.0.1:4000/artemis`. */
  get url(): string {
    const scheme = this.#options.tls ? 'https' : 'http';
    return `${scheme}://${urlHost(this.#options.host)}:${this.#port}${this.#options.contextPath}`;
  }

  /**
   * The base URL the Java up-nodes APIs list for this node: its own `url` unless set, for example
   * to a TCP proxy in front of it, so that clients refreshing their server list stay behind the
   * proxy. Setting undefined goes back to `url`.
   */
  get advertisedUrl(): string {
    return this.#advertisedUrl ?? this.url;
  }

  set advertisedUrl(url: string | undefined) {
    this.#advertisedUrl = url?.replace(/\/+$/, '');
  }

  get port(): number {
    return this.#port;
  }

  get isRunning(): boolean {
    return this.#server !== undefined;
  }

  /**
   * TCP connections open right now (keep-alive HTTP and WebSockets), 0 while stopped: a client
   * that leaks connections shows here.
   */
  get connectionCount(): number {
    return this.#server?.connectionCount ?? 0;
  }

  /** WebSockets open right now, 0 while stopped. */
  get webSocketCount(): number {
    return this.#server?.webSockets.size ?? 0;
  }

  /** Every HTTP request received (WebSocket handshakes included), oldest first. */
  get requests(): readonly RecordedRequest[] {
    return this.#recorder.requests;
  }

  /** Every WebSocket frame received, oldest first. */
  get frames(): readonly RecordedFrame[] {
    return this.#recorder.frames;
  }

  clearLog(): void {
    this.#recorder.clear();
  }

  /** Starts listening (again on the same port after a `stop()`). */
  async start(): Promise<void> {
    if (this.#closed) throw new Error('The emulator is closed');
    if (this.#server) return;

    const server = new EmulatorHttpServer({
      host: this.#options.host,
      tls: this.#options.tls,
      faults: this.faults,
      recorder: this.#recorder,
      timers: this.#timers,
      flavor: this.#flavor,
    });
    this.#port = await server.listen(this.#port);
    this.#server = server;
    this.#flavor.start();
  }

  /** Stops listening and closes every socket; the data stays, `start()` serves it again. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#timers.clear();
    this.#flavor.stop();
    await server?.close();
  }

  /** Stops for good and leaves the cluster; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#leaveCluster();
    await this.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** The stored instances, of one service (serviceId compared case-insensitively) or all. */
  instances(serviceId?: string): EmulatorInstance[] {
    const wanted = serviceId?.toLowerCase();
    return this.store
      .leases()
      .map(lease => lease.instance)
      .filter(instance => wanted === undefined || instance.serviceId.toLowerCase() === wanted);
  }

  /**
   * Stores an instance as a register call would (emitting `new`). regionId and zoneId default to
   * the node's, status to 'up'.
   */
  registerInstance(instance: EmulatorInstance): void {
    const full: EmulatorInstance = {
      ...instance,
      regionId: instance.regionId ?? this.#options.regionId,
      zoneId: instance.zoneId ?? this.#options.zoneId,
      status: instance.status ?? 'up',
    };
    if (this.flavor === 'java') {
      this.store.put(javaKeyOf(full), full, leaseTtlOf(this.#options, full));
    } else {
      this.store.put(rustKeyOf(full), full, this.#options.leaseTtlMs);
    }
  }

  /** Removes an instance at once (emitting `delete`); false when it was not stored. */
  removeInstance(key: EmulatorInstanceKey): boolean {
    const full = {
      ...key,
      regionId: key.regionId ?? this.#options.regionId,
      zoneId: key.zoneId ?? this.#options.zoneId,
    };
    return this.store.remove(this.flavor === 'java' ? javaKeyOf(full) : rustKeyOf(full));
  }

  /**
   * Emits the `reload` change the Java server publishes for a whole service after a management
   * change (group, zone or route), with its placeholder instance: instanceId `reload`, ip
   * `0.0.0.0`, url `http://serviceId/reload` (that literal text), every other field null.
   */
  reloadService(serviceId: string): void {
    const instance: EmulatorInstance = {
      serviceId,
      instanceId: 'reload',
      ip: '0.0.0.0',
      url: 'http://serviceId/reload',
    };
    this.store.emit({ instance, changeType: 'reload', changeTime: this.store.now() });
  }

  /** Polls `predicate` until it returns a truthy value; rejects after `timeoutMs` (default 5000). */
  waitFor<T>(
    predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    timeoutMs = 5000,
  ): Promise<T> {
    return waitFor(predicate, timeoutMs);
  }

  /** Resolves with the first recorded request matching `match`, waiting for it if needed. */
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs = 5000) {
    return waitFor(() => this.requests.find(match), timeoutMs);
  }

  /** Resolves with the first recorded frame matching `match`, waiting for it if needed. */
  waitForFrame(match: (frame: RecordedFrame) => boolean, timeoutMs = 5000) {
    return waitFor(() => this.frames.find(match), timeoutMs);
  }

  #closeSockets(code: number, reason: string): void {
    const sockets: ReadonlySet<WebSocket> = this.#server?.webSockets ?? new Set();
    for (const socket of sockets) {
      // Codes such as 1006 may not be sent in a close frame: drop the connection instead.
      try {
        socket.close(code, reason);
      } catch {
        socket.terminate();
      }
    }
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts one emulated server node; see `ArtemisEmulatorOptions` for every option. */
export async function startArtemisEmulator(
  options: ArtemisEmulatorOptions = {},
): Promise<ArtemisEmulator> {
  const emulator = new ArtemisEmulator(options);
  try {
    await emulator.start();
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return emulator;
}
