import { hasErrorCode } from '@artemis/protocol';
import type { Flavor } from '@artemis/protocol';
import { waitFor } from '@artemis/testing';

import type { ServiceChangeEvent } from '../src/index';
import { discoveryRequests, instanceOf, settle, startRig } from './emulator-rig';
import type { Rig } from './emulator-rig';

const LONG = 15_000;

const idsOf = (service: { instances: readonly { instanceId: string }[] }) =>
  service.instances.map(instance => instance.instanceId).sort();

/** Watches `serviceId` and collects its events; resolves once the socket carries it. */
async function watchAndWait(rig: Rig, serviceId: string) {
  const events: ServiceChangeEvent[] = [];
  const subscription = rig.client.watch(serviceId).subscribe(event => events.push(event));
  await rig.client.waitForService(serviceId);
  await rig.emulator.waitForFrame(frame => frame.data.includes(`"${serviceId}"`), LONG);
  await settle(rig);
  return { events, subscription };
}

describe.each(['java', 'rust'] as const)('discovery against the %s emulator', (flavor: Flavor) => {
  let rig: Rig;

  beforeEach(async () => {
    rig = await startRig(flavor);
  });
  afterEach(async () => {
    await rig.close();
  });

  // Java pushes every change; Rust never does, so its changes arrive with the next poll.
  const expectedSource = flavor === 'java' ? 'push' : 'fetch';

  it(`shows a register, a change and a removal in watch and getService (by ${expectedSource})`, async () => {
    const { emulator, client } = rig;
    const first = instanceOf('orders');
    emulator.registerInstance(first);
    const { events, subscription } = await watchAndWait(rig, 'orders');

    const second = instanceOf('orders');
    emulator.registerInstance(second);
    await waitFor(() => events.some(event => event.changeType === 'new'), LONG);
    expect(events[0]).toMatchObject({ changeType: 'new', source: expectedSource });
    expect(events[0]?.instance?.instanceId).toBe(second.instanceId);
    expect(idsOf(events[0]!.service)).toEqual([first.instanceId, second.instanceId].sort());
    expect(idsOf(await client.getService('orders'))).toEqual(idsOf(events[0]!.service));

    emulator.registerInstance({ ...second, metadata: { version: '2' } });
    await waitFor(() => events.some(event => event.changeType === 'change'), LONG);
    const change = events.find(event => event.changeType === 'change')!;
    expect(change.source).toBe(expectedSource);
    expect(change.instance?.metadata).toEqual({ version: '2' });

    emulator.removeInstance(second);
    await waitFor(() => events.some(event => event.changeType === 'delete'), LONG);
    expect(events.find(event => event.changeType === 'delete')?.source).toBe(expectedSource);
    expect(idsOf(await client.getService('orders'))).toEqual([first.instanceId]);
    subscription.unsubscribe();
  });

  it('hides instances that are not up, so both servers give the same answer', async () => {
    const { emulator, client } = rig;
    const up = instanceOf('mixed');
    const down = instanceOf('mixed', { status: 'down' });
    emulator.registerInstance(up);
    emulator.registerInstance(down);

    const service = await client.getService('mixed');

    expect(idsOf(service)).toEqual([up.instanceId]);
    const { events, subscription } = await watchAndWait(rig, 'mixed');
    emulator.registerInstance({ ...up, status: 'down' });
    await waitFor(() => events.some(event => event.changeType === 'delete'), LONG);
    expect((await client.getService('mixed')).instances).toEqual([]);
    subscription.unsubscribe();
  });

  it('answers an unknown service with an empty service, not an error', async () => {
    const service = await rig.client.getService('nobody.here');

    expect(service).toEqual({ serviceId: 'nobody.here', instances: [] });
    expect(rig.client.cacheInfo('nobody.here')).toMatchObject({ ready: true, stale: false });
  });

  it('keys the cache without case, sends the id as configured, and hands out frozen answers', async () => {
    const { emulator, client } = rig;
    const instance = instanceOf('Billing.Api');
    emulator.registerInstance(instance);

    const first = await client.getService('Billing.Api');
    const second = await client.getService('BILLING.API');

    expect(second).toBe(first);
    expect(idsOf(first)).toEqual([instance.instanceId]);
    const sent = discoveryRequests(emulator, 'service').map(
      request => (request.body as { discoveryConfig: { serviceId: string } }).discoveryConfig,
    );
    expect(sent.map(config => config.serviceId)).toEqual(['Billing.Api']);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.instances[0])).toBe(true);
    expect(() => (first.instances as unknown[]).splice(0)).toThrow(TypeError);
    expect(idsOf(await client.getService('billing.api'))).toEqual([instance.instanceId]);
  });

  it(`fetches a batch with ${flavor === 'java' ? 'one lookup.json' : 'one service.json per service'}`, async () => {
    const { emulator, client } = rig;
    const a = instanceOf('batch.a');
    const b = instanceOf('batch.b');
    emulator.registerInstance(a);
    emulator.registerInstance(b);

    const services = await client.getServices(['batch.a', 'batch.b', 'batch.none']);

    expect(services.map(service => service.serviceId)).toEqual([
      'batch.a',
      'batch.b',
      'batch.none',
    ]);
    expect(services.map(idsOf)).toEqual([[a.instanceId], [b.instanceId], []]);
    if (flavor === 'java') {
      expect(discoveryRequests(emulator, 'lookup')).toHaveLength(1);
      expect(discoveryRequests(emulator, 'service')).toHaveLength(0);
    } else {
      expect(discoveryRequests(emulator, 'lookup')).toHaveLength(0);
      expect(discoveryRequests(emulator, 'service')).toHaveLength(3);
    }
  });

  it('repairs a change whose push was lost when the socket was cut', async () => {
    const { emulator, client } = rig;
    emulator.registerInstance(instanceOf('lossy'));
    const { events, subscription } = await watchAndWait(rig, 'lossy');

    emulator.faults.dropPushes(true);
    const missed = instanceOf('lossy');
    emulator.registerInstance(missed);
    emulator.faults.closeSockets(1001, 'going away');
    emulator.faults.dropPushes(false);

    await waitFor(
      () => events.some(event => event.instance?.instanceId === missed.instanceId),
      LONG,
    );
    expect(events.find(event => event.instance?.instanceId === missed.instanceId)).toMatchObject({
      changeType: 'new',
      source: 'fetch',
    });
    expect(idsOf(await client.getService('lossy'))).toContain(missed.instanceId);
    subscription.unsubscribe();
  });

  it('answers from cache while the node is down, says it is stale, and catches up after', async () => {
    const { emulator, client } = rig;
    const kept = instanceOf('steady');
    emulator.registerInstance(kept);
    const { events, subscription } = await watchAndWait(rig, 'steady');

    await emulator.stop();
    const failuresBefore = rig.log['refresh-failed'].length;
    const added = instanceOf('steady');
    emulator.registerInstance(added);
    await waitFor(() => rig.log['refresh-failed'].length > failuresBefore, LONG);

    expect(idsOf(await client.getService('steady'))).toEqual([kept.instanceId]);
    expect(client.cacheInfo('steady')).toMatchObject({ ready: true, stale: true });
    expect(client.cacheInfo('steady')?.lastError).toBeDefined();

    await emulator.start();
    await waitFor(
      () => events.some(event => event.instance?.instanceId === added.instanceId),
      LONG,
    );
    expect(idsOf(await client.getService('steady'))).toEqual(
      [kept.instanceId, added.instanceId].sort(),
    );
    await waitFor(() => client.cacheInfo('steady')?.stale === false, LONG);
    subscription.unsubscribe();
  });

  it('waitForService resolves once the node is reachable again', async () => {
    const { emulator, client } = rig;
    await emulator.stop();
    emulator.registerInstance(instanceOf('late'));

    const waiting = client.waitForService('late');
    await waitFor(() => rig.log['refresh-failed'].length > 0, LONG);
    expect(client.cacheInfo('late')).toMatchObject({ ready: false, stale: true });
    await emulator.start();

    expect((await waiting).instances).toHaveLength(1);
  });

  it('skips and reports malformed replies and frames, keeping the cache as it was', async () => {
    const { emulator, client } = rig;
    const kept = instanceOf('fragile');
    emulator.registerInstance(kept);
    const { events, subscription } = await watchAndWait(rig, 'fragile');
    const before = await client.getService('fragile');

    emulator.faults.garbage('wrong-types');
    emulator.registerInstance(instanceOf('fragile'));
    // Java pushes the change as a garbled frame; Rust acknowledges a new subscription with one.
    const other = client.watch('fragile.other').subscribe();
    await waitFor(() => rig.log['push-dropped'].some(drop => drop.reason === 'invalid'), LONG);
    const failed = client.refresh('fragile');
    await failed;
    await waitFor(() => rig.log['refresh-failed'].length > 0, LONG);

    const failure = rig.log['refresh-failed'].at(-1)!;
    expect(hasErrorCode(failure.error, 'ARTEMIS_RETRIES_EXHAUSTED')).toBe(true);
    expect(hasErrorCode((failure.error as Error).cause, 'ARTEMIS_INVALID_REPLY')).toBe(true);
    expect(await client.getService('fragile')).toBe(before);
    expect(events).toEqual([]);
    expect(client.cacheInfo('fragile')?.stale).toBe(true);

    emulator.faults.garbage(null);
    await client.refresh('fragile');
    expect(await client.getService('fragile')).not.toBe(before);
    expect(client.cacheInfo('fragile')?.stale).toBe(false);
    other.unsubscribe();
    subscription.unsubscribe();
  });
});
