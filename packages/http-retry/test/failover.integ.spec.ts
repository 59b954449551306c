import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster } from '@artemis/testing';

import { clientFor, register, registerCalls } from './fixtures';

describe.each(['java', 'rust'] as const)('ArtemisHttpClient failover (%s)', flavor => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor, size: 3 });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('keeps succeeding through the other nodes while one is stopped, and uses it again after it restarts', async () => {
    const { http, addresses, close } = clientFor(cluster.urls, { addressQuarantineMs: 60_000 });
    try {
      const [first, second, third] = cluster.nodes;
      expect((await register(http)).classification.kind).toBe('success');
      expect(registerCalls(first!)).toBe(1);

      await first!.stop();
      for (let i = 0; i < 6; i++) {
        const result = await register(http);
        expect(result.classification.kind).toBe('success');
        expect(result.url).not.toBe(cluster.urls[0]);
      }
      expect(registerCalls(second!) + registerCalls(third!)).toBeGreaterThanOrEqual(6);
      expect(addresses.snapshot()[0]).toMatchObject({ healthy: false });

      await first!.start();
      first!.clearLog();
      // When the other nodes fail too, the quarantined node whose quarantine ends first is tried
      // rather than none; it answers again, so it is healthy and takes the load.
      await second!.stop();
      await third!.stop();
      const deadline = Date.now() + 10_000;
      while (registerCalls(first!) === 0 && Date.now() < deadline) {
        await register(http).catch(() => undefined);
      }
      expect(registerCalls(first!)).toBeGreaterThan(0);
      expect(addresses.snapshot()[0]).toMatchObject({ healthy: true });
      expect((await register(http)).url).toBe(cluster.urls[0]);
    } finally {
      await close();
    }
  });
});
