import { createArtemisClient } from '../src/index';
import type { ArtemisClient, ArtemisClientOptions, RegistrationInstance } from '../src/index';
import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator, EmulatorFlavor } from '@artemis/testing';

export const REGION = 'test';
export const ZONE = 'test-z1';

/** An emulator and a client of it, closed together by `close()`. */
export interface Rig {
  emulator: ArtemisEmulator;
  client: ArtemisClient;
  close(): Promise<void>;
}

/** Fast tunables, so a test sees several beats and polls within a second or two. */
export const FAST: ArtemisClientOptions = {
  regionId: REGION,
  zoneId: ZONE,
  heartbeatIntervalMs: 100,
  heartbeatTtlMs: 1_000,
  discoveryPollIntervalMs: 100,
  discoveryReloadIntervalMs: 100,
  httpRetryIntervalMs: 10,
  httpRetryMaxDelayMs: 50,
  requestTimeoutMs: 1_000,
  shutdownTimeoutMs: 2_000,
  env: {},
};

export async function startRig(
  flavor: EmulatorFlavor,
  options: Partial<ArtemisClientOptions> = {},
): Promise<Rig> {
  const emulator = await startArtemisEmulator({ flavor, regionId: REGION, zoneId: ZONE });
  const client = createArtemisClient({ ...FAST, serverUrls: [emulator.url], ...options });
  return {
    emulator,
    client,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

export function instanceOf(serviceId: string, n: number): RegistrationInstance {
  return {
    regionId: REGION,
    zoneId: ZONE,
    serviceId,
    instanceId: `${serviceId}-${n}`,
    ip: '127.0.0.1',
    port: 9000 + n,
    url: `http://127.0.0.1:${9000 + n}`,
    status: 'up',
  };
}
