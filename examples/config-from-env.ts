// Configuration: ARTEMIS_* variables fill what the code leaves unset, bad values give one
// ConfigError naming every field, and tunables change at run time without a restart.
import { ConfigError, ConfigStore, createArtemisClient, resolveConfig } from '@artemis/client';
import type { ArtemisEnv } from '@artemis/client';

export interface ConfigFromEnvResult {
  serverUrls: readonly string[];
  regionId: string;
  flavor: string;
  heartbeatTtlMs: number;
  badFields: string[];
  heartbeatIntervalsSeen: number[];
  clientServerUrls: readonly string[];
}

/**
 * `env` stands for `process.env`, which both `resolveConfig` and `createArtemisClient` read when
 * no `env` is given.
 */
export async function configFromEnv(serverUrls: readonly string[]): Promise<ConfigFromEnvResult> {
  const env: ArtemisEnv = {
    ARTEMIS_SERVER_URLS: serverUrls.join(','),
    ARTEMIS_REGION_ID: 'test',
    ARTEMIS_ZONE_ID: 'test-z1',
    ARTEMIS_FLAVOR: 'auto',
  };

  // Explicit options win over the environment; the TTL follows a slower heartbeat (3 × 10 s).
  const config = resolveConfig({ heartbeatIntervalMs: 10_000 }, env);

  // Every bad field is reported at once; nothing is half applied.
  let badFields: string[] = [];
  try {
    resolveConfig({ httpRetryCount: 0, websocketPingIntervalMs: 1_000 }, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    badFields = error.issues.map(issue => issue.path);
  }

  // A store validates each update before it applies and tells its subscribers.
  const store = new ConfigStore(config);
  const heartbeatIntervalsSeen: number[] = [];
  store.changes$.subscribe(next => heartbeatIntervalsSeen.push(next.heartbeatIntervalMs));
  store.update({ heartbeatIntervalMs: 2_000 });
  store.close();

  // The client reads the same variables; `client.config` is its live store.
  const client = createArtemisClient({ env });
  const clientServerUrls = client.config.current.serverUrls;
  await client.close();

  return {
    serverUrls: config.serverUrls,
    regionId: config.regionId,
    flavor: config.flavor,
    heartbeatTtlMs: config.heartbeatTtlMs,
    badFields: badFields.sort(),
    heartbeatIntervalsSeen,
    clientServerUrls,
  };
}
