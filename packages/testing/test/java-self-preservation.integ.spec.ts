import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { javaInstance, post, settle } from './helpers.js';

describe('java emulator self-preservation', () => {
  let emulator: ArtemisEmulator;
  const a = javaInstance({ instanceId: 'a' });
  const b = javaInstance({ instanceId: 'b' });
  const left = javaInstance({ instanceId: 'left-behind' });
  const heartbeat = (instances: unknown[]) =>
    post(`${emulator.url}/api/registry/heartbeat.json`, { instances });
  const beatRounds = async (rounds: number) => {
    for (let i = 0; i < rounds; i += 1) await heartbeat([a, b]);
  };
  const storedIds = () =>
    emulator
      .instances()
      .map(instance => instance.instanceId)
      .sort();

  beforeEach(async () => {
    // The lease outlives the counting window, so renewals have dropped before leases expire.
    emulator = await startArtemisEmulator({
      flavor: 'java',
      leaseTtlMs: 2500,
      cleanIntervalMs: 20,
      selfPreservation: { windowMs: 1000, maxCountThreshold: 10, checkIntervalMs: 50 },
    });
  });
  afterEach(() => emulator.close());

  it('keeps expired leases while renewals are down, and cleans them once renewals recover', async () => {
    emulator.registerInstance(left);
    emulator.registerInstance(a);
    emulator.registerInstance(b);
    await beatRounds(20);

    // Everything expires while nothing renews: the node turns unsafe and keeps every lease.
    const lastRenewal = Math.max(...emulator.store.leases().map(lease => lease.renewedAt));
    await emulator.waitFor(() => Date.now() > lastRenewal + 2500 + 200, 10_000);
    await settle(200);
    expect(storedIds()).toEqual(['a', 'b', 'left-behind']);
    const refused = (await heartbeat([a])).json();
    expect(refused.failedInstances[0].errorCode).toBe('data-not-found');

    // The clients register again and renew as before: safe again, the stale lease goes.
    emulator.registerInstance(a);
    emulator.registerInstance(b);
    await emulator.waitFor(async () => {
      await beatRounds(2);
      return !storedIds().includes('left-behind');
    }, 10_000);
    expect(storedIds()).toEqual(['a', 'b']);
  });

  it('still removes unregistered leases at once while unsafe', async () => {
    emulator.registerInstance(a);
    emulator.registerInstance(b);
    await beatRounds(20);
    const lastRenewal = Math.max(...emulator.store.leases().map(lease => lease.renewedAt));
    await emulator.waitFor(() => Date.now() > lastRenewal + 2500 + 200, 10_000);
    await settle(200);
    expect(storedIds()).toEqual(['a', 'b']);

    await post(`${emulator.url}/api/registry/unregister.json`, { instances: [a] });

    await emulator.waitFor(() => storedIds().length === 1);
    expect(storedIds()).toEqual(['b']);
  });
});
