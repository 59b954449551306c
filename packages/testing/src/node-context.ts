import type { WebSocket } from 'ws';
import type { EmulatorFaults } from './faults.js';
import type { ResolvedOptions } from './options.js';
import type { ClusterMember, EmulatorStore } from './store.js';
import type { TimerSet } from './timers.js';

/** What a flavour's routes and socket handlers may use of their node. */
export interface NodeContext {
  readonly options: ResolvedOptions;
  readonly store: EmulatorStore;
  readonly faults: EmulatorFaults;
  readonly timers: TimerSet;
  /** This node, as the cluster's other members see it. */
  readonly member: ClusterMember;
  /** Sends a text frame through the node's faults (stall, latency, garbage). */
  send(socket: WebSocket, text: string): void;
}
