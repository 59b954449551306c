import type { ArtemisEmulator } from './emulator.js';
import { startArtemisEmulator } from './emulator.js';
import type { ArtemisEmulatorOptions } from './options.js';
import { startTcpProxy } from './proxy/tcp-proxy.js';
import type { TcpProxy } from './proxy/tcp-proxy.js';
import { EmulatorStore } from './store.js';

/** Options of `startArtemisCluster`: the node options, minus what each node gets on its own. */
export interface ArtemisClusterOptions extends Omit<ArtemisEmulatorOptions, 'port' | 'store'> {
  /** Number of nodes. @default 3 */
  size?: number;
  /**
   * Put a TCP proxy in front of every node (for partitions): `urls` and the Java up-nodes lists
   * then name the proxies, so clients never bypass them. @default false
   */
  proxied?: boolean;
}

/** Several emulator nodes sharing one store, as a replicated Artemis cluster. */
export interface ArtemisCluster {
  readonly nodes: readonly ArtemisEmulator[];
  /** The URL clients should use for each node, in node order: its proxy's when proxied. */
  readonly urls: readonly string[];
  /** With `proxied`, the proxy in front of each node, in node order; otherwise empty. */
  readonly proxies: readonly TcpProxy[];
  readonly store: EmulatorStore;
  /** Closes every node and proxy. */
  close(): Promise<void>;
}

/** Starts `size` nodes (each on its own free port) that share one store. */
export async function startArtemisCluster(
  options: ArtemisClusterOptions = {},
): Promise<ArtemisCluster> {
  const { size = 3, proxied = false, ...nodeOptions } = options;
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`Invalid cluster size: ${size}`);

  const store = new EmulatorStore();
  const nodes: ArtemisEmulator[] = [];
  const proxies: TcpProxy[] = [];
  const close = async () => {
    await Promise.all(proxies.map(proxy => proxy.close()));
    await Promise.all(nodes.map(node => node.close()));
  };
  try {
    for (let index = 0; index < size; index += 1) {
      const node = await startArtemisEmulator({ ...nodeOptions, store });
      nodes.push(node);
      if (!proxied) continue;

      const proxy = await startTcpProxy({ target: node.url });
      proxies.push(proxy);
      node.advertisedUrl = proxy.url;
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    nodes,
    get urls() {
      return proxied ? proxies.map(proxy => proxy.url) : nodes.map(node => node.url);
    },
    proxies,
    store,
    close,
  };
}
