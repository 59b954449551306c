import { Agent } from 'undici';
import type { ArtemisConfig } from '@artemis/config';
import { buildUpNodesRequest, joinUrl, parseUpNodesReply, REST_PATHS } from '@artemis/protocol';

import type { AddressSide } from './address-types.js';
import { connectOptionsOf, jsonHeadersOf, toHttpTarget } from './target.js';

/** Up-nodes replies list a handful of nodes; anything bigger than this is not one. */
const MAX_REPLY_BYTES = 1024 * 1024;

/** What one up-nodes call found out. */
export type UpNodesOutcome =
  { kind: 'nodes'; urls: string[] } | { kind: 'absent' } | { kind: 'failed'; error: unknown };

/**
 * Calls the cluster's up-nodes API of one side on one address. Owns its own small undici agent,
 * so that address refreshes never compete with application traffic for connections.
 */
export class UpNodesFetcher {
  #agent: Agent | undefined;
  #agentConfig: ArtemisConfig | undefined;

  async fetch(
    baseUrl: string,
    side: AddressSide,
    config: ArtemisConfig,
    signal?: AbortSignal,
  ): Promise<UpNodesOutcome> {
    try {
      const target = toHttpTarget(baseUrl);
      const path = side === 'registry' ? REST_PATHS.upRegistryNodes : REST_PATHS.upDiscoveryNodes;
      const body = buildUpNodesRequest({ regionId: config.regionId, zoneId: config.zoneId });

      const response = await this.#agentFor(config).request({
        origin: target.origin,
        path: joinUrl(target.basePath, path),
        method: 'POST',
        headers: jsonHeadersOf(config, target.authorization),
        body: JSON.stringify(body),
        signal,
        headersTimeout: config.requestTimeoutMs,
        bodyTimeout: config.requestTimeoutMs,
      });

      // Rust servers have no cluster API at all: a 404 means "use the configured list".
      if (response.statusCode === 404) {
        await response.body.dump();
        return { kind: 'absent' };
      }
      if (response.statusCode >= 300) {
        await response.body.dump();
        return { kind: 'failed', error: new Error(`HTTP ${response.statusCode}`) };
      }

      const text = await readCapped(response.body);
      const reply = parseUpNodesReply(text);

      // Like the Java client, the node list counts and responseStatus does not: "no available
      // nodes" comes back as an empty list, which the manager treats as "keep what you have".
      return { kind: 'nodes', urls: normaliseUrls(reply.nodes.map(node => node.url)) };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    await agent?.destroy();
  }

  #agentFor(config: ArtemisConfig): Agent {
    if (this.#agent && this.#agentConfig === config) return this.#agent;

    // A changed configuration may carry new TLS material or timeouts: start a fresh agent.
    void this.#agent?.close().catch(() => undefined);
    this.#agent = new Agent({ connect: connectOptionsOf(config), connections: 2 });
    this.#agentConfig = config;
    return this.#agent;
  }
}

/** Trailing '/' removed, blanks dropped, duplicates dropped, order kept. */
export function normaliseUrls(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const url of urls) {
    const trimmed = url.trim().replace(/\/+$/, '');
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_REPLY_BYTES)
      throw new Error(`up-nodes reply larger than ${MAX_REPLY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
