import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import { fileSnapshotStore } from '../src/index';
import { instanceOf, startRig } from './emulator-rig';
import type { Rig } from './emulator-rig';

describe.each(['java', 'rust'] as const)('a start from the snapshot (%s)', flavor => {
  let folder: string;
  let emulator: ArtemisEmulator;
  const rigs: Rig[] = [];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'artemis-discovery-'));
    emulator = await startArtemisEmulator({ flavor, leaseTtlMs: 600_000 });
  });
  afterEach(async () => {
    await Promise.all(rigs.splice(0).map(rig => rig.close()));
    await emulator.close();
    await rm(folder, { recursive: true, force: true });
  });

  const startWithSnapshot = async (): Promise<Rig> => {
    const rig = await startRig(flavor, {
      emulator,
      snapshot: { store: fileSnapshotStore(join(folder, 'discovery.json')), saveDelayMs: 50 },
      options: { httpRetryCount: 1, requestTimeoutMs: 300, connectTimeoutMs: 200 },
    });
    rigs.push(rig);
    return rig;
  };
  const idsOf = (service: { instances: readonly { instanceId: string }[] }) =>
    service.instances.map(i => i.instanceId).sort();

  it('serves what the last run knew while no server answers, then catches up', async () => {
    const [first, second] = [instanceOf('orders'), instanceOf('orders')];
    emulator.registerInstance(first!);
    emulator.registerInstance(second!);

    const lastRun = await startWithSnapshot();
    expect(idsOf(await lastRun.client.getService('orders'))).toEqual(
      [first!.instanceId, second!.instanceId].sort(),
    );
    await lastRun.close();

    await emulator.stop();
    const thisRun = await startWithSnapshot();
    const restored = await thisRun.client.getService('orders');

    expect(idsOf(restored)).toEqual([first!.instanceId, second!.instanceId].sort());
    expect(thisRun.client.cacheInfo('orders')).toMatchObject({ restored: true, stale: true });
    expect(thisRun.log.restored).toEqual([
      expect.objectContaining({ serviceId: 'orders', instanceCount: 2 }),
    ]);
    await expect(thisRun.client.getService('payments')).rejects.toBeDefined();

    emulator.removeInstance({ ...first!, regionId: 'test', zoneId: 'test-z1' });
    await emulator.start();
    await waitFor(() => thisRun.client.cacheInfo('orders')?.restored === false, 5_000);

    expect(idsOf(await thisRun.client.getService('orders'))).toEqual([second!.instanceId]);
    expect(thisRun.client.cacheInfo('orders')).toMatchObject({ stale: false });
  });
});
