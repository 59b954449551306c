import { Pool } from 'undici';
import { connectOptionsOf, jsonHeadersOf, toHttpTarget } from '@artemis/address';
import type { ArtemisConfig } from '@artemis/config';
import { joinUrl } from '@artemis/protocol';

/** Everything a request to one base URL needs, built once and reused by every call. */
export interface Endpoint {
  readonly pool: Pool;
  /** Request headers: configured extras, JSON content negotiation, URL credentials. */
  readonly headers: Readonly<Record<string, string>>;
  /** The base URL with credentials masked, for events, logs and errors. */
  readonly redacted: string;
  /** The request path of `path` under this base URL's context path. */
  pathOf(path: string): string;
}

/**
 * One keep-alive undici pool per server origin, and a cached endpoint per base URL. A changed
 * config (new TLS material, timeouts or headers) retires the pools and builds new ones.
 */
export class Endpoints {
  readonly #connections: number;
  #config: ArtemisConfig | undefined;
  #pools = new Map<string, Pool>();
  #endpoints = new Map<string, Endpoint>();

  constructor(connections: number) {
    this.#connections = connections;
  }

  endpointOf(baseUrl: string, config: ArtemisConfig): Endpoint {
    if (config !== this.#config) this.#adopt(config);
    return this.#endpoints.get(baseUrl) ?? this.#create(baseUrl, config);
  }

  /** Waits for requests in flight up to `timeoutMs`, then cuts what is left. */
  async close(timeoutMs: number): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    this.#endpoints.clear();
    await Promise.all(pools.map(pool => closeWithin(pool, timeoutMs)));
  }

  /** Cuts every connection at once; requests in flight fail. */
  async destroy(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    this.#endpoints.clear();
    await Promise.all(pools.map(pool => pool.destroy().catch(() => undefined)));
  }

  #adopt(config: ArtemisConfig): void {
    const previous = this.#config;
    this.#config = config;
    this.#endpoints.clear();
    if (
      previous === undefined ||
      (previous.tls === config.tls && previous.connectTimeoutMs === config.connectTimeoutMs)
    ) {
      return;
    }

    // Requests in flight finish on the old pools; new ones use the new settings.
    const retired = [...this.#pools.values()];
    this.#pools.clear();
    for (const pool of retired) void pool.close().catch(() => undefined);
  }

  #create(baseUrl: string, config: ArtemisConfig): Endpoint {
    const target = toHttpTarget(baseUrl);
    let pool = this.#pools.get(target.origin);
    if (!pool) {
      pool = new Pool(target.origin, {
        connect: connectOptionsOf(config),
        connections: this.#connections,
      });
      this.#pools.set(target.origin, pool);
    }

    const paths = new Map<string, string>();
    const endpoint: Endpoint = {
      pool,
      headers: jsonHeadersOf(config, target.authorization),
      redacted: target.redacted,
      pathOf(path: string): string {
        let full = paths.get(path);
        if (full === undefined) {
          full = joinUrl(target.basePath, path);
          paths.set(path, full);
        }
        return full;
      },
    };
    this.#endpoints.set(baseUrl, endpoint);
    return endpoint;
  }
}

async function closeWithin(pool: Pool, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>(resolve => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([pool.close(), deadline]).catch(() => undefined);
  clearTimeout(timer);
  await pool.destroy().catch(() => undefined);
}
