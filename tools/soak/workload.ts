import type { ArtemisEmulator, EmulatorFlavor, TcpProxy } from '@artemis/testing';
import { startArtemisEmulator, startTcpProxy, waitFor } from '@artemis/testing';

import { createArtemisClient } from '@artemis/client';
import type { ArtemisClient, RegistrationInstance } from '@artemis/client';
import type { ExtraCounts } from './resources';

const REGION = 'test';
const ZONE = 'test-z1';
const WATCHED = 'leak-watched';

/** A client that reaches its emulator through a proxy, which counts its open connections. */
export interface LeakRig {
  flavor: EmulatorFlavor;
  emulator: ArtemisEmulator;
  proxy: TcpProxy;
  client: ArtemisClient;
  close(): Promise<void>;
}

/** How many cycles of each kind one round runs. */
export interface RoundSize {
  /** Subscribe-unsubscribe cycles (a listener and a watch stream each). */
  subscribe: number;
  /** Register-unregister cycles. */
  register: number;
  /**
   * Reconnects: every WebSocket closed by the server, or every connection (HTTP ones too) cut by
   * the network, in turn; each waits for the client to open its WebSocket again. Reconnects of a
   * flapping server are backed off, so a round holds only a few.
   */
  reconnect: number;
}

export async function startLeakRig(flavor: EmulatorFlavor): Promise<LeakRig> {
  // A bounded request log, or the emulator itself would look like a leak.
  const emulator = await startArtemisEmulator({
    flavor,
    regionId: REGION,
    zoneId: ZONE,
    maxLogEntries: 200,
  });
  const proxy = await startTcpProxy({ target: emulator.url });
  // The Java up-nodes lists must name the proxy, or the client would soon go around it.
  emulator.advertisedUrl = proxy.url;
  const client = createArtemisClient({
    flavor,
    serverUrls: [proxy.url],
    regionId: REGION,
    zoneId: ZONE,
    heartbeatIntervalMs: 100,
    heartbeatTtlMs: 1_000,
    discoveryPollIntervalMs: 100,
    discoveryReloadIntervalMs: 100,
    httpRetryIntervalMs: 10,
    httpRetryMaxDelayMs: 50,
    requestTimeoutMs: 2_000,
    shutdownTimeoutMs: 2_000,
    // A cut connection marks the only node down; it is back in use soon after.
    addressQuarantineMs: 500,
    // Reconnects are the workload here, not a fault to be rationed.
    websocketReconnectLimit: 1_000,
    websocketReconnectWindowMs: 1_000,
    env: {},
  });

  // A lease kept alive and a pinned, watched-for-pushes service for the whole run.
  await client.registry.register([leakInstance('leak-kept', 0)]);
  await client.discovery.getService(WATCHED);

  return {
    flavor,
    emulator,
    proxy,
    client,
    close: async () => {
      await client.close();
      await proxy.close();
      await emulator.close();
    },
  };
}

/** The exact counts of the client's own bookkeeping and of its open connections. */
export function rigCounts(rig: LeakRig): ExtraCounts {
  return () => ({
    'discovery:watchers': rig.client.discovery.watcherCount(),
    'discovery:tracked': rig.client.discovery.trackedServices().length,
    'registry:registered': rig.client.registry.registered().length,
    'proxy:connections': rig.proxy.connectionCount,
  });
}

export async function runRound(rig: LeakRig, size: RoundSize): Promise<void> {
  await subscribeCycles(rig, size.subscribe);
  await registerCycles(rig, size.register);
  await reconnectCycles(rig, size.reconnect);
  // Every timer and socket the round started has settled before a sample is taken.
  await waitFor(() => rig.client.discovery.watcherCount() === 0, 10_000);
}

async function subscribeCycles(rig: LeakRig, cycles: number): Promise<void> {
  const { discovery } = rig.client;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const stopListening = discovery.subscribe(WATCHED, () => undefined);
    const stream = discovery.watch(WATCHED).subscribe();
    stopListening();
    stream.unsubscribe();

    // Now and then a service nobody asked for before: tracked, fetched, pushed, then dropped.
    if (cycle % 50 === 0) {
      const transient = discovery.watch(`leak-transient-${cycle}`).subscribe();
      await pause(5);
      transient.unsubscribe();
    }
    if (cycle % 200 === 0) await pause(0);
  }
}

async function registerCycles(rig: LeakRig, cycles: number): Promise<void> {
  const { registry } = rig.client;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const instance = leakInstance('leak-cycled', cycle % 10);
    await registry.register([instance]);
    await registry.unregister([instance]);
  }
}

async function reconnectCycles(rig: LeakRig, cycles: number): Promise<void> {
  for (let cycle = 0; cycle < cycles; cycle++) {
    const closedAt = Date.now();
    if (cycle % 2 === 0) rig.emulator.faults.closeSockets(1001, 'going away');
    else rig.proxy.cutConnections();
    await waitFor(
      () => rig.emulator.requests.some(r => isUpgrade(r) && r.receivedAt >= closedAt),
      20_000,
    );
  }
}

function isUpgrade(request: { headers: Record<string, unknown> }): boolean {
  return String(request.headers['upgrade'] ?? '').toLowerCase() === 'websocket';
}

function leakInstance(serviceId: string, n: number): RegistrationInstance {
  return {
    regionId: REGION,
    zoneId: ZONE,
    serviceId,
    instanceId: `${serviceId}-${n}`,
    ip: '127.0.0.1',
    port: 7000 + n,
    url: `http://127.0.0.1:${7000 + n}`,
    status: 'up',
  };
}

function pause(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
