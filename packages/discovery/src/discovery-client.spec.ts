import { ClientClosedError, hasErrorCode } from '@artemis/protocol';
import { ManualClock } from '@artemis/testing';
import { firstValueFrom, take, toArray } from 'rxjs';

import { FakeChangeSource, FakeTransport, flush, instance, timings } from '../test/fakes';
import { DiscoveryClient } from './discovery-client';
import type { DiscoveryClientOptions } from './discovery-client';
import type { ServiceChangeEvent } from './types';

function setup(overrides: Partial<DiscoveryClientOptions> = {}) {
  const transport = new FakeTransport();
  const source = new FakeChangeSource();
  const clock = new ManualClock();
  const client = new DiscoveryClient({
    transport,
    changeSource: source,
    clock,
    config: { current: timings },
    ...overrides,
  });
  const events: ServiceChangeEvent[] = [];
  return { transport, source, clock, client, events };
}

const ids = (event: ServiceChangeEvent) => event.service.instances.map(i => i.instanceId);

describe('DiscoveryClient.getService', () => {
  it('fetches once, then answers from memory whatever the case of the id', async () => {
    const { client, transport } = setup();
    transport.set('demo', [instance('demo', 'a')]);

    const first = await client.getService('Demo');
    const second = await client.getService('DEMO');

    expect(first.instances.map(i => i.instanceId)).toEqual(['a']);
    expect(second).toBe(first);
    expect(transport.calls).toEqual([{ kind: 'one', serviceIds: ['Demo'] }]);
    await client.close();
  });

  it('peeks at the cache synchronously without starting a fetch', async () => {
    const { client, transport } = setup();
    transport.set('demo', [instance('demo', 'a')]);

    expect(client.peekService('demo')).toBeUndefined();
    expect(transport.calls).toEqual([]);

    const fetched = await client.getService('demo');
    expect(client.peekService('DEMO')).toBe(fetched);
    expect(client.peekService({ serviceId: 'Demo' })).toBe(fetched);
    expect(() => client.peekService({ serviceId: ' ' })).toThrow();
    expect(transport.calls).toHaveLength(1);

    await client.close();
    expect(() => client.peekService('demo')).toThrow(ClientClosedError);
  });

  it('shares one request between concurrent first calls', async () => {
    const { client, transport } = setup();
    transport.set('demo', [instance('demo', 'a')]);

    const [a, b] = await Promise.all([client.getService('demo'), client.getService('demo')]);

    expect(a).toBe(b);
    expect(transport.calls).toHaveLength(1);
    await client.close();
  });

  it('hands out a deep-frozen service that callers cannot corrupt', async () => {
    const { client, transport } = setup();
    transport.set('demo', [instance('demo', 'a', { metadata: { v: '1' } })]);

    const service = await client.getService('demo');

    expect(Object.isFrozen(service)).toBe(true);
    expect(Object.isFrozen(service.instances)).toBe(true);
    expect(() => (service.instances as unknown[]).push(1)).toThrow();
    expect(() => ((service.instances[0]!.metadata as Record<string, string>).v = '2')).toThrow();
    expect((await client.getService('demo')).instances[0]!.metadata).toEqual({ v: '1' });
    await client.close();
  });

  it('returns an empty service when the server has no instances', async () => {
    const { client } = setup();

    const service = await client.getService('nobody');

    expect(service).toEqual({ serviceId: 'nobody', instances: [] });
    await client.close();
  });

  it('shows only up instances by default, and the caller filters when given', async () => {
    const { client, transport } = setup();
    transport.set('demo', [instance('demo', 'a'), instance('demo', 'b', { status: 'down' })]);
    expect((await client.getService('demo')).instances.map(i => i.instanceId)).toEqual(['a']);
    await client.close();

    const custom = setup({ filters: [{ name: 'all', filter: list => [...list] }] });
    custom.transport.set('demo', [
      instance('demo', 'a'),
      instance('demo', 'b', { status: 'down' }),
    ]);
    expect((await custom.client.getService('demo')).instances).toHaveLength(2);
    await custom.client.close();
  });

  it('rejects a blank serviceId with a typed error', async () => {
    const { client } = setup();
    await expect(client.getService('  ')).rejects.toMatchObject({
      code: 'ARTEMIS_INVALID_SERVICE_ID',
    });
    await client.close();
  });

  it('rejects the first call when the fetch fails, then keeps last known good', async () => {
    const { client, transport, clock } = setup();
    transport.failWith = new Error('down');
    await expect(client.getService('demo')).rejects.toThrow('down');
    expect(client.cacheInfo('demo')).toMatchObject({ ready: false, stale: true });

    transport.failWith = undefined;
    transport.set('demo', [instance('demo', 'a')]);
    expect((await client.getService('demo')).instances).toHaveLength(1);

    transport.failWith = new Error('down again');
    await client.refresh('demo');
    await clock.advance(5_000);

    expect((await client.getService('demo')).instances).toHaveLength(1);
    const info = client.cacheInfo('demo');
    expect(info).toMatchObject({ ready: true, stale: true, ageMs: 5_000, instanceCount: 1 });
    expect(info?.lastError).toEqual(new Error('down again'));
    await client.close();
  });

  it('fetches a batch of new services in one call', async () => {
    const { client, transport } = setup();
    transport.set('a', [instance('a', '1')]);
    transport.set('b', [instance('b', '1')]);
    await client.getService('a');

    const services = await client.getServices(['a', 'b', { serviceId: 'c' }]);

    expect(services.map(s => s.serviceId)).toEqual(['a', 'b', 'c']);
    expect(transport.calls).toEqual([
      { kind: 'one', serviceIds: ['a'] },
      { kind: 'batch', serviceIds: ['b', 'c'] },
    ]);
    await client.close();
  });
});

describe('DiscoveryClient pushes', () => {
  async function watched() {
    const ctx = setup();
    ctx.transport.set('demo', [instance('demo', 'a')]);
    await ctx.client.getService('demo');
    ctx.client.subscribe('demo', event => ctx.events.push(event));
    return ctx;
  }

  it('upserts new and change, removes delete, matching the service without case', async () => {
    const { client, source, clock, events } = await watched();
    const t = clock.now() + 1;

    source.push('new', instance('DEMO', 'b'), t);
    source.push('change', instance('demo', 'a', { port: 81 }), t);
    source.push('delete', instance('Demo', 'b'), t + 1);
    await flush();

    expect(events.map(e => [e.changeType, e.instance?.instanceId, e.source])).toEqual([
      ['new', 'b', 'push'],
      ['change', 'a', 'push'],
      ['delete', 'b', 'push'],
    ]);
    expect(ids(events[0]!)).toEqual(['a', 'b']);
    expect((await client.getService('demo')).instances).toEqual([
      instance('demo', 'a', { port: 81 }),
    ]);
    await client.close();
  });

  it('drops pushes older than the data, and duplicates change nothing', async () => {
    const { client, source, clock, events } = await watched();
    const t = clock.now() + 10;

    source.push('new', instance('demo', 'b'), t);
    source.push('delete', instance('demo', 'a'), t - 11); // sent before the fetch
    source.push('delete', instance('demo', 'x'), t); // deletes an unknown instance
    source.push('new', instance('demo', 'x'), t - 5); // older than that delete
    source.push('new', instance('demo', 'b'), t); // duplicate
    await flush();

    expect(events.map(e => `${e.changeType}:${e.instance?.instanceId}`)).toEqual(['new:b']);
    expect((await client.getService('demo')).instances.map(i => i.instanceId)).toEqual(['a', 'b']);
    await client.close();
  });

  it('a down status in a change push is a delete of what callers see', async () => {
    const { client, source, clock, events } = await watched();
    source.push('change', instance('demo', 'a', { status: 'down' }), clock.now() + 1);
    await flush();

    expect(events.map(e => e.changeType)).toEqual(['delete']);
    expect((await client.getService('demo')).instances).toEqual([]);
    await client.close();
  });

  it('re-fetches on reload and reports only what changed', async () => {
    const { client, source, transport, clock, events } = await watched();
    transport.set('demo', [instance('demo', 'a'), instance('demo', 'c')]);

    source.push('reload', instance('demo', 'reload'), clock.now() + 1);
    await flush();

    expect(events.map(e => `${e.changeType}:${e.instance?.instanceId}:${e.source}`)).toEqual([
      'new:c:fetch',
    ]);
    await client.close();
  });

  it('keeps a change pushed while a fetch was under way', async () => {
    const { client, source, transport, clock } = await watched();
    let open!: () => void;
    transport.gate = new Promise(resolve => (open = resolve));
    const refreshing = client.refresh('demo');

    await clock.advance(10);
    source.push('new', instance('demo', 'late'), clock.now());
    open();
    await refreshing;

    expect((await client.getService('demo')).instances.map(i => i.instanceId)).toEqual([
      'a',
      'late',
    ]);
    await client.close();
  });

  it('applies fresh pushes from a server clock an hour behind, and drops late ones', async () => {
    const { client, source, transport, clock, events } = await watched();
    const serverTime = () => clock.now() - 3_600_000;

    source.push('new', instance('demo', 'b'), serverTime());
    await clock.advance(5);
    source.push('delete', instance('demo', 'b'), serverTime());
    source.push('new', instance('demo', 'b'), serverTime() - 4); // a duplicate, late
    await flush();
    expect(events.map(e => `${e.changeType}:${e.instance?.instanceId}`)).toEqual([
      'new:b',
      'delete:b',
    ]);

    await clock.advance(5);
    await client.refresh('demo');
    // Sent before that fetch, delivered after it.
    source.push('change', instance('demo', 'a', { port: 99 }), serverTime() - 2);
    await flush();
    expect((await client.getService('demo')).instances).toEqual([instance('demo', 'a')]);
    expect(transport.calls).toHaveLength(2);
    await client.close();
  });

  it('lets a fetch remove what a push from a server clock an hour ahead added', async () => {
    const { client, source, transport, clock } = await watched();

    source.push('new', instance('demo', 'b'), clock.now() + 3_600_000);
    await flush();
    expect((await client.getService('demo')).instances).toHaveLength(2);

    // b went away and its delete push was lost: the next fetch is the truth.
    await clock.advance(10);
    transport.set('demo', [instance('demo', 'a')]);
    await client.refresh('demo');
    expect((await client.getService('demo')).instances).toEqual([instance('demo', 'a')]);
    await client.close();
  });

  it('learns the clock of the node behind each new session afresh', async () => {
    const { client, source, transport, clock, events } = await watched();
    source.push('new', instance('demo', 'b'), clock.now());
    transport.set('demo', [instance('demo', 'a'), instance('demo', 'b')]);

    // The socket moved to a node whose clock is an hour behind; everything is fetched again.
    source.resync$.next();
    await flush();
    await clock.advance(10);
    source.push('delete', instance('demo', 'b'), clock.now() - 3_600_000);
    await flush();

    expect(events.map(e => `${e.changeType}:${e.instance?.instanceId}:${e.source}`)).toEqual([
      'new:b:push',
      'delete:b:push',
    ]);
    await client.close();
  });

  it('re-fetches everything when the source says pushes were missed', async () => {
    const { client, source, transport } = await watched();
    transport.calls.length = 0;
    source.resync$.next();
    await flush();
    expect(transport.calls).toEqual([{ kind: 'one', serviceIds: ['demo'] }]);
    await client.close();
  });
});

describe('DiscoveryClient polling', () => {
  it('polls everything when the server cannot push, emitting diffs only on change', async () => {
    const { client, source, transport, clock, events } = setup();
    source.canPush = false;
    transport.set('demo', [instance('demo', 'a')]);
    await client.getService('demo');
    client.subscribe('demo', event => events.push(event));

    await clock.advance(timings.discoveryPollIntervalMs);
    expect(events).toEqual([]);

    transport.set('demo', [instance('demo', 'b')]);
    await clock.advance(timings.discoveryPollIntervalMs);
    expect(events.map(e => `${e.changeType}:${e.instance?.instanceId}`)).toEqual([
      'delete:a',
      'new:b',
    ]);
    expect(transport.calls).toHaveLength(3);
    await client.close();
  });

  it('with pushes, reloads failed and empty services often and everything after the TTL', async () => {
    const { client, transport, clock } = setup();
    transport.set('full', [instance('full', 'a')]);
    await client.getServices(['full', 'empty']);
    transport.calls.length = 0;

    await clock.advance(timings.discoveryReloadIntervalMs);
    expect(transport.calls).toEqual([{ kind: 'one', serviceIds: ['empty'] }]);

    transport.calls.length = 0;
    await clock.advance(timings.discoveryCacheTtlMs);
    expect(transport.calls.flatMap(c => c.serviceIds)).toContain('full');
    await client.close();
  });

  it('never wipes a service with instances when polls fail, and catches up later', async () => {
    const { client, source, transport, clock } = setup();
    source.canPush = false;
    transport.set('demo', [instance('demo', 'a')]);
    await client.getService('demo');

    transport.failWith = new Error('node down');
    await clock.advance(timings.discoveryPollIntervalMs);
    expect((await client.getService('demo')).instances).toHaveLength(1);
    expect(client.cacheInfo('demo')?.stale).toBe(true);

    transport.failWith = undefined;
    transport.set('demo', [instance('demo', 'a'), instance('demo', 'b')]);
    await clock.advance(timings.discoveryPollIntervalMs);
    expect((await client.getService('demo')).instances).toHaveLength(2);
    expect(client.cacheInfo('demo')).toMatchObject({ stale: false, ageMs: 0 });
    await client.close();
  });
});

describe('DiscoveryClient watchers', () => {
  it('delivers asynchronously and in order, isolating a throwing listener', async () => {
    const { client, source, transport, clock } = setup();
    transport.set('demo', []);
    await client.getService('demo');
    const seen: string[] = [];
    const errors: unknown[] = [];
    client.events.on('listener-error', ({ error }) => errors.push(error));
    client.subscribe('demo', () => {
      throw new Error('bad listener');
    });
    client.subscribe('demo', event => seen.push(event.instance!.instanceId));

    source.push('new', instance('demo', '1'), clock.now() + 1);
    source.push('new', instance('demo', '2'), clock.now() + 1);
    expect(seen).toEqual([]);
    await flush();

    expect(seen).toEqual(['1', '2']);
    expect(errors).toHaveLength(2);
    await client.close();
  });

  it('watch streams events and unsubscribing the last watcher stops tracking', async () => {
    const { client, source, transport, clock } = setup();
    transport.set('w', [instance('w', 'a')]);

    const received = firstValueFrom(client.watch('W').pipe(take(1), toArray()));
    await flush();
    expect(source.subscribed.has('W')).toBe(true);
    source.push('new', instance('w', 'b'), clock.now() + 1);

    const [event] = await received;
    expect(event).toMatchObject({ changeType: 'new', instance: { instanceId: 'b' } });
    expect(source.log).toEqual(['subscribe W', 'unsubscribe W']);
    expect(client.trackedServices()).toEqual([]);
    await client.close();
  });

  it('keeps a service that getService asked for after its watchers leave', async () => {
    const { client, source } = setup();
    await client.getService('kept');
    const off = client.subscribe('kept', () => undefined);
    off();
    off();
    expect(source.log).toEqual(['subscribe kept']);
    expect(client.trackedServices()).toEqual(['kept']);
    await client.close();
  });

  it('leaves nothing behind after 1,000 subscribe and unsubscribe cycles', async () => {
    const { client, source, clock } = setup();
    for (let i = 0; i < 1_000; i++) {
      const subscription = client.watch(`svc-${i % 10}`).subscribe();
      const off = client.subscribe(`svc-${i % 7}`, () => undefined);
      subscription.unsubscribe();
      off();
    }
    await flush();

    expect(client.watcherCount()).toBe(0);
    expect(client.trackedServices()).toEqual([]);
    expect(source.subscribed.size).toBe(0);
    expect(clock.pendingTimers).toBe(1); // the refresh loop's own timer
    await client.close();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('DiscoveryClient readiness and close', () => {
  it('waitForService resolves once a retry succeeds, and honours its signal', async () => {
    const { client, transport, clock } = setup();
    transport.failWith = new Error('down');
    const ready = client.waitForService('demo');
    await flush();

    const controller = new AbortController();
    const aborted = client.waitForService('other', { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ARTEMIS_ABORTED' });

    transport.failWith = undefined;
    transport.set('demo', [instance('demo', 'a')]);
    await clock.advance(timings.discoveryReloadIntervalMs);
    expect((await ready).instances).toHaveLength(1);
    await client.close();
  });

  it('close completes streams, rejects waiters and later calls, and closes the source', async () => {
    const { client, source, transport } = setup();
    transport.failWith = new Error('down');
    const waiting = client.waitForService('demo');
    const completed = new Promise(resolve =>
      client.watch('x').subscribe({ complete: () => resolve(true) }),
    );

    await client.close();
    await client.close();

    await expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await expect(completed).resolves.toBe(true);
    const error = await client.getService('demo').catch((e: unknown) => e);
    expect(hasErrorCode(error, 'ARTEMIS_CLIENT_CLOSED')).toBe(true);
    expect(() => client.subscribe('demo', () => undefined)).toThrow(ClientClosedError);
    expect(source.closed).toBe(true);
  });
});
