import type { ArtemisHttpClient } from '@artemis/http-retry';
import {
  buildUnregisterRequest,
  parseHeartbeatReply,
  parseRegisterReply,
  parseUnregisterReply,
  REST_PATHS,
} from '@artemis/protocol';
import type { Flavor, RegistrationInstance } from '@artemis/protocol';

import type {
  HeartbeatOutcome,
  RegisterOutcome,
  RegistryTransport,
} from '../registry-transport.js';
import { chunkByCount, settleWithLimit } from './batches.js';
import { heartbeatBody, registerBody } from './request-bodies.js';
import { FlavorResolver } from './flavor-source.js';
import type { FlavorSource } from './flavor-source.js';
import { mergeHeartbeats, mergeRegistrations } from './merge-outcomes.js';
import { checkUnregisterReply, readHeartbeatReply, readRegisterReply } from './read-outcome.js';

/** Options of {@link HttpRegistryTransport}. */
export interface HttpRegistryTransportOptions {
  /** The registry-side HTTP client. */
  http: Pick<ArtemisHttpClient, 'post'>;
  /**
   * Which body heartbeat and unregister carry: java `{instances}`, rust `{instanceKeys}`. A
   * function is called once, when the first request needs it, and again only if it failed.
   */
  flavor: FlavorSource;
  /**
   * Most instances in one request; bigger batches are split. 500 full instances stay far below
   * the Rust server's 2 MiB body limit. @default 500
   */
  maxInstancesPerRequest?: number;
  /** Requests of one split batch in flight at once. @default 4 */
  concurrency?: number;
}

/** Register, heartbeat and unregister over REST (PROTOCOL 3.1 to 3.3), split into batches. */
export class HttpRegistryTransport implements RegistryTransport {
  readonly #http: Pick<ArtemisHttpClient, 'post'>;
  readonly #flavor: FlavorResolver;
  readonly #maxPerRequest: number;
  readonly #concurrency: number;

  constructor(options: HttpRegistryTransportOptions) {
    this.#http = options.http;
    this.#flavor = new FlavorResolver(options.flavor);
    this.#maxPerRequest = Math.max(1, options.maxInstancesPerRequest ?? 500);
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async register(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<RegisterOutcome> {
    const chunks = chunkByCount(instances, this.#maxPerRequest);
    const results = await settleWithLimit(chunks, this.#concurrency, async chunk => {
      const result = await this.#http.post(REST_PATHS.register, registerBody(chunk), {
        operation: 'register',
        parse: parseRegisterReply,
        signal,
      });
      return readRegisterReply(chunk, result.reply);
    });
    return mergeRegistrations(chunks, results);
  }

  async heartbeat(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<HeartbeatOutcome> {
    const flavor = await this.#flavor.resolve();
    const chunks = chunkByCount(instances, this.#maxPerRequest);
    const results = await settleWithLimit(chunks, this.#concurrency, chunk =>
      this.heartbeatChunk(chunk, flavor, signal),
    );
    return mergeHeartbeats(results);
  }

  /** One heartbeat request for instances that fit in it; used by the socket transport's fallback. */
  async heartbeatChunk(
    chunk: readonly RegistrationInstance[],
    flavor: Flavor,
    signal: AbortSignal,
  ): Promise<Omit<HeartbeatOutcome, 'errors' | 'requests'>> {
    const result = await this.#http.post(REST_PATHS.heartbeat, heartbeatBody(chunk, flavor), {
      operation: 'heartbeat',
      parse: parseHeartbeatReply,
      signal,
    });
    return { ...readHeartbeatReply(chunk, result.reply, flavor), url: result.url };
  }

  async unregister(instances: readonly RegistrationInstance[], signal: AbortSignal): Promise<void> {
    const flavor = await this.#flavor.resolve();
    const chunks = chunkByCount(instances, this.#maxPerRequest);
    const results = await settleWithLimit(chunks, this.#concurrency, async chunk => {
      const result = await this.#http.post(
        REST_PATHS.unregister,
        buildUnregisterRequest(chunk, flavor),
        { operation: 'unregister', parse: parseUnregisterReply, signal },
      );
      checkUnregisterReply(result.reply);
    });

    const failure = results.find(result => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
