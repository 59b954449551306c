// Fifty clients, a server restart that loses every lease, and the question the Java client's users
// know too well: does everyone come back at once? The same fleet runs twice against the same
// emulator: once with the SDK's jittered backoff and heartbeat phase, once with every random draw
// pinned, which gives a fixed retry interval and heartbeats in lock-step.
import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { RandomSource, RegistrationInstance } from '@artemis/protocol';
import { createRegistryTransport, RegistryClient } from '@artemis/registry';
import { startArtemisEmulator, waitFor } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';

import type { BenchResult } from './result';

const CLIENTS = 50;
const INSTANCES_PER_CLIENT = 4;
const OUTAGE_MS = 3_000;
const WINDOW_MS = 100;

interface Fleet {
  clients: RegistryClient[];
  close(): Promise<void>;
}

interface HerdRun {
  /** From the restart until every instance was registered again. */
  recoveryMs: number;
  /** Most registry requests the server got in any 100 ms window after the restart. */
  peakPerWindow: number;
  /** Registry requests from the restart until full recovery. */
  requests: number;
}

const pinned: RandomSource = () => 1;

export async function benchRestartHerd(): Promise<BenchResult[]> {
  const jittered = await runHerd('jittered', Math.random);
  const fixed = await runHerd('fixed', pinned);

  return [
    { name: 'jittered: all re-registered after restart', value: jittered.recoveryMs, unit: 'ms' },
    {
      name: 'fixed interval: all re-registered after restart',
      value: fixed.recoveryMs,
      unit: 'ms',
    },
    {
      name: 'jittered: peak requests per 100 ms',
      value: jittered.peakPerWindow,
      unit: 'requests',
      note: `${jittered.requests} requests until recovered`,
    },
    {
      name: 'fixed interval: peak requests per 100 ms',
      value: fixed.peakPerWindow,
      unit: 'requests',
      note: `${fixed.requests} requests until recovered`,
    },
    {
      name: 'peak load, fixed / jittered',
      value: fixed.peakPerWindow / Math.max(1, jittered.peakPerWindow),
      unit: 'ratio',
      note: `${CLIENTS} clients × ${INSTANCES_PER_CLIENT} instances, ${OUTAGE_MS} ms outage`,
    },
  ];
}

async function runHerd(mode: 'jittered' | 'fixed', random: RandomSource): Promise<HerdRun> {
  const emulator = await startArtemisEmulator({ flavor: 'java', regionId: 'bench', zoneId: 'z1' });
  const fleet = await startFleet(emulator.url, mode, random);
  try {
    const total = CLIENTS * INSTANCES_PER_CLIENT;
    await waitFor(() => emulator.instances().length === total, 20_000);

    await emulator.stop();
    emulator.faults.clearState();
    await new Promise(resolve => setTimeout(resolve, OUTAGE_MS));
    emulator.clearLog();
    await emulator.start();
    const restartedAt = Date.now();

    await waitFor(() => emulator.instances().length === total, 60_000);
    const recoveredAt = Date.now();

    return {
      recoveryMs: recoveredAt - restartedAt,
      ...loadOf(emulator, restartedAt, recoveredAt),
    };
  } finally {
    await fleet.close();
    await emulator.close();
  }
}

function loadOf(
  emulator: ArtemisEmulator,
  from: number,
  to: number,
): { peakPerWindow: number; requests: number } {
  const arrivals = emulator.requests
    .filter(request => request.path.includes('/api/registry/'))
    .map(request => request.receivedAt)
    .filter(at => at >= from && at <= to);
  const windows = new Map<number, number>();
  for (const at of arrivals) {
    const window = Math.floor((at - from) / WINDOW_MS);
    windows.set(window, (windows.get(window) ?? 0) + 1);
  }
  return { peakPerWindow: Math.max(0, ...windows.values()), requests: arrivals.length };
}

async function startFleet(
  serverUrl: string,
  mode: 'jittered' | 'fixed',
  random: RandomSource,
): Promise<Fleet> {
  const retry =
    mode === 'jittered'
      ? { httpRetryIntervalMs: 250, httpRetryMaxDelayMs: 2_000 }
      : { httpRetryIntervalMs: 500, httpRetryMaxDelayMs: 500 };
  const closers: Array<() => Promise<void>> = [];
  const clients: RegistryClient[] = [];

  for (let n = 0; n < CLIENTS; n++) {
    const config = new ConfigStore(
      {
        serverUrls: [serverUrl],
        regionId: 'bench',
        zoneId: 'z1',
        flavor: 'java',
        heartbeatIntervalMs: 1_000,
        heartbeatTtlMs: 10_000,
        httpRetryCount: 10,
        requestTimeoutMs: 1_000,
        addressQuarantineMs: 0,
        ...retry,
      },
      {},
    );
    const addresses = new AddressManager({ side: 'registry', config, random });
    const http = new ArtemisHttpClient({ side: 'registry', addresses, config, random });
    const registry = new RegistryClient({
      transport: createRegistryTransport({ config, http, flavor: 'java', addresses }),
      config,
      addresses,
      random,
    });
    clients.push(registry);
    closers.push(async () => {
      await registry.close();
      await http.close();
      await addresses.close();
      config.close();
    });
  }

  await Promise.all(clients.map((client, n) => client.register(instancesOf(n))));
  return {
    clients,
    close: async () => {
      await Promise.all(closers.map(close => close()));
    },
  };
}

function instancesOf(client: number): RegistrationInstance[] {
  return Array.from({ length: INSTANCES_PER_CLIENT }, (_, i) => {
    const port = 10_000 + client * INSTANCES_PER_CLIENT + i;
    return {
      regionId: 'bench',
      zoneId: 'z1',
      serviceId: `herd-${client % 5}`,
      instanceId: `herd-${client}-${i}`,
      ip: '127.0.0.1',
      port,
      url: `http://127.0.0.1:${port}`,
      status: 'up',
    };
  });
}
