import type { ArtemisEmulator } from './emulator.js';
import { startArtemisEmulator } from './emulator.js';
import type { ArtemisEmulatorOptions } from './options.js';
import { EmulatorStore } from './store.js';

/** Options of `startArtemisCluster`: the node options, minus what each node gets on its own. */
export interface ArtemisClusterOptions extends Omit<ArtemisEmulatorOptions, 'port' | 'store'> {
  /** Number of nodes. @default 3 */
  size?: number;
}

/** Several emulator nodes sharing one store, as a replicated Artemis cluster. */
export interface ArtemisCluster {
  readonly nodes: readonly ArtemisEmulator[];
  /** Each node's base URL, in node order. */
  readonly urls: readonly string[];
  readonly store: EmulatorStore;
  /** Closes every node. */
  close(): Promise<void>;
}

/** Starts `size` nodes (each on its own free port) that share one store. */
export async function startArtemisCluster(
  options: ArtemisClusterOptions = {},
): Promise<ArtemisCluster> {
  const { size = 3, ...nodeOptions } = options;
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`Invalid cluster size: ${size}`);

  const store = new EmulatorStore();
  const nodes: ArtemisEmulator[] = [];
  try {
    for (let index = 0; index < size; index += 1) {
      nodes.push(await startArtemisEmulator({ ...nodeOptions, store }));
    }
  } catch (error) {
    await Promise.all(nodes.map(node => node.close()));
    throw error;
  }

  return {
    nodes,
    get urls() {
      return nodes.map(node => node.url);
    },
    store,
    close: async () => {
      await Promise.all(nodes.map(node => node.close()));
    },
  };
}
