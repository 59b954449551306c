import * as diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

import { ClientClosedError, ConfigError, createArtemisClient } from '../src/index';
import type { ServiceChangeEvent } from '../src/index';
import { waitFor } from '@artemis/testing';
import { firstValueFrom } from 'rxjs';
import { filter, take, toArray } from 'rxjs/operators';

import { FAST, instanceOf, startRig } from './rig';
import type { Rig } from './rig';

describe.each(['java', 'rust'] as const)('createArtemisClient on the %s server', flavor => {
  let rig: Rig;

  afterEach(async () => {
    await rig?.close();
  });

  it('detects the server flavour once and says which it found', async () => {
    rig = await startRig(flavor, { flavor: 'auto' });
    const resolved = jest.fn();
    rig.client.events.on('flavor-resolved', resolved);

    const [first, second] = await Promise.all([rig.client.flavor(), rig.client.flavor()]);

    expect(first).toBe(flavor);
    expect(second).toBe(flavor);
    expect(resolved).toHaveBeenCalledTimes(1);
    expect(resolved).toHaveBeenCalledWith(expect.objectContaining({ flavor, detected: true }));
    const probes = rig.emulator.requests.filter(request => request.path.endsWith('/health'));
    expect(probes).toHaveLength(1);
  });

  it('skips the probe when the flavour is configured', async () => {
    rig = await startRig(flavor, { flavor });

    await rig.client.registry.register([instanceOf('configured', 1)]);

    expect(await rig.client.flavor()).toBe(flavor);
    expect(rig.emulator.requests.some(request => request.path.endsWith('/health'))).toBe(false);
  });

  it('registers, discovers, watches and unregisters', async () => {
    rig = await startRig(flavor);
    const { client, emulator } = rig;

    await client.registry.register([instanceOf('orders', 1), instanceOf('orders', 2)]);
    expect(emulator.instances('orders')).toHaveLength(2);

    const service = await client.discovery.getService('orders');
    expect(service.instances.map(i => i.instanceId).sort()).toEqual(['orders-1', 'orders-2']);

    const events: ServiceChangeEvent[] = [];
    const watching = client.discovery.watch('orders').subscribe(event => events.push(event));
    await client.registry.register([instanceOf('orders', 3)]);
    await waitFor(() =>
      events.some(e => e.changeType === 'new' && e.service.instances.length === 3),
    );

    await client.registry.unregister([instanceOf('orders', 1)]);
    await waitFor(() => events.some(e => e.changeType === 'delete'), 5_000);
    watching.unsubscribe();

    await waitFor(() => emulator.instances('orders').length === 2);
    expect(
      emulator
        .instances('orders')
        .map(i => i.instanceId)
        .sort(),
    ).toEqual(['orders-2', 'orders-3']);
    const after = await client.discovery.getService('orders');
    expect(after.instances.map(i => i.instanceId).sort()).toEqual(['orders-2', 'orders-3']);
  });

  it('keeps instances alive with heartbeats', async () => {
    rig = await startRig(flavor);
    const acknowledged = firstValueFrom(
      new (await import('rxjs')).Observable<number>(subscriber =>
        rig.client.registry.events.on('heartbeat-acknowledged', ({ count }) =>
          subscriber.next(count),
        ),
      ).pipe(
        filter(count => count > 0),
        take(3),
        toArray(),
      ),
    );

    await rig.client.registry.register([instanceOf('beating', 1)]);

    expect(await acknowledged).toEqual([1, 1, 1]);
    const beats = rig.emulator.requests.filter(request => request.path.endsWith('heartbeat.json'));
    expect(beats.length).toBeGreaterThanOrEqual(3);
  });

  it('takes an instance out of discovery while its health check says down, and brings it back', async () => {
    const down = new Set<string>();
    rig = await startRig(flavor, {
      healthCheck: instance => (down.has(instance.instanceId) ? 'down' : 'up'),
    });
    const { client } = rig;
    await client.registry.register([instanceOf('health', 1), instanceOf('health', 2)]);
    const idsNow = async () =>
      (await client.discovery.getService('health')).instances.map(i => i.instanceId).sort();
    const seen: string[][] = [];
    const watching = client.discovery
      .watch('health')
      .subscribe(event => seen.push(event.service.instances.map(i => i.instanceId).sort()));
    expect(await idsNow()).toEqual(['health-1', 'health-2']);

    down.add('health-1');
    await waitFor(() => seen.some(ids => ids.join() === 'health-2'), 5_000);
    expect(await idsNow()).toEqual(['health-2']);

    down.delete('health-1');
    await waitFor(() => seen.at(-1)?.join() === 'health-1,health-2', 5_000);
    expect(await idsNow()).toEqual(['health-1', 'health-2']);
    watching.unsubscribe();
  });

  it('drains on close: unregistered at once, still discovering until the drain ends', async () => {
    rig = await startRig(flavor, { shutdownDrainMs: 1_500 });
    const { client, emulator } = rig;
    await client.registry.register([instanceOf('drain', 1)]);
    const draining = jest.fn();
    client.registry.events.on('draining', draining);

    let closed = false;
    const closing = client.close().then(() => (closed = true));
    await waitFor(() => emulator.instances('drain').length === 0);

    expect(draining).toHaveBeenCalledWith({
      instances: [instanceOf('drain', 1)],
      drainMs: 1_500,
    });
    expect(closed).toBe(false);
    expect((await client.discovery.getService('drain')).instances).toEqual([]);

    await closing;
    await expect(client.discovery.getService('drain')).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('starts from the snapshot file of the last run while the server is down', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'artemis-client-'));
    const discoverySnapshotFile = join(folder, 'cache', 'discovery.json');
    try {
      rig = await startRig(flavor, { discoverySnapshotFile });
      await rig.client.registry.register([instanceOf('kept', 1)]);
      await rig.client.discovery.getService('kept');
      await rig.client.close();

      await rig.emulator.stop();
      const nextRun = createArtemisClient({
        ...FAST,
        serverUrls: [rig.emulator.url],
        discoverySnapshotFile,
        httpRetryCount: 1,
      });
      try {
        const kept = await nextRun.discovery.getService('kept');
        expect(kept.instances.map(i => i.instanceId)).toEqual(['kept-1']);
        expect(nextRun.discovery.cacheInfo('kept')).toMatchObject({ restored: true });
      } finally {
        await nextRun.close();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('publishes its events on diagnostics channels for tools that observe the process', async () => {
    const seen = new Map<string, unknown[]>();
    const names = [
      'artemis:registry:registered',
      'artemis:registry:heartbeat-acknowledged',
      'artemis:http:request',
      'artemis:discovery:refreshed',
      'artemis:client:closed',
    ];
    const handlers = names.map(name => {
      const handler = (message: unknown): void =>
        void seen.set(name, [...(seen.get(name) ?? []), message]);
      diagnosticsChannel.subscribe(name, handler);
      return () => diagnosticsChannel.unsubscribe(name, handler);
    });
    try {
      rig = await startRig(flavor);
      await rig.client.registry.register([instanceOf('observed', 1)]);
      await rig.client.discovery.getService('observed');
      await waitFor(() => seen.get('artemis:registry:heartbeat-acknowledged')?.length);
      await rig.close();

      expect(seen.get('artemis:registry:registered')).toEqual([
        { instances: [instanceOf('observed', 1)] },
      ]);
      expect(seen.get('artemis:http:request')).toContainEqual(
        expect.objectContaining({ side: 'registry', operation: 'register', outcome: 'success' }),
      );
      expect(seen.get('artemis:discovery:refreshed')).toContainEqual(
        expect.objectContaining({ serviceIds: ['observed'] }),
      );
      expect(seen.get('artemis:client:closed')).toEqual([{ errors: [] }]);
    } finally {
      for (const stop of handlers) stop();
    }
  });

  it('close() unregisters, is idempotent, and every later call rejects as closed', async () => {
    rig = await startRig(flavor);
    const { client, emulator } = rig;
    await client.registry.register([instanceOf('closing', 1), instanceOf('closing', 2)]);
    await client.discovery.getService('closing');
    const closed = jest.fn();
    client.events.on('closed', closed);

    const first = client.close();
    const second = client.close();
    await Promise.all([first, second, client[Symbol.asyncDispose]()]);

    expect(first).toBe(second);
    expect(client.closed).toBe(true);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(closed).toHaveBeenCalledWith({ errors: [] });
    const unregisters = emulator.requests.filter(r => r.path.endsWith('unregister.json'));
    expect(unregisters).toHaveLength(1);
    // The Java server evicts on its next lease sweep, so the store empties a moment later.
    await waitFor(() => emulator.instances('closing').length === 0);
    await expect(client.registry.register([instanceOf('closing', 3)])).rejects.toBeInstanceOf(
      ClientClosedError,
    );
    await expect(client.discovery.getService('closing')).rejects.toBeInstanceOf(ClientClosedError);
    await expect(client.flavor()).rejects.toBeInstanceOf(ClientClosedError);
    expect(() => client.config.update({ heartbeatIntervalMs: 500 })).toThrow(ClientClosedError);
  });

  it('applies a changed heartbeat interval without a restart', async () => {
    rig = await startRig(flavor, { heartbeatIntervalMs: 5_000, heartbeatTtlMs: 20_000 });
    await rig.client.registry.register([instanceOf('tunable', 1)]);
    const beatsBefore = rig.emulator.requests.filter(r => r.path.endsWith('heartbeat.json')).length;

    rig.client.config.update({ heartbeatIntervalMs: 100, heartbeatTtlMs: 1_000 });

    await waitFor(
      () =>
        rig.emulator.requests.filter(r => r.path.endsWith('heartbeat.json')).length >=
        beatsBefore + 3,
      5_000,
    );
  });
});

describe('many calls at once', () => {
  it.each(['java', 'rust'] as const)(
    'share a signal on the %s server without tripping Node listener-leak warning',
    async flavor => {
      // Node reports warnings on the real process, which jest's sandbox hides.
      const realProcess = runInThisContext('process') as NodeJS.Process;
      const warnings: Error[] = [];
      const onWarning = (warning: Error): void => {
        warnings.push(warning);
      };
      realProcess.on('warning', onWarning);
      const rig = await startRig(flavor);
      try {
        const signal = new AbortController().signal;
        const ids = Array.from({ length: 30 }, (_, i) => `parallel-${i}`);

        await rig.client.discovery.getServices(ids, { signal });
        await Promise.all(ids.map(id => rig.client.discovery.getService(`${id}-b`, { signal })));
        await rig.client.registry.register(
          ids.map((id, i) => instanceOf(id, i)),
          { signal },
        );
        // Warnings are emitted on the next tick.
        await new Promise(resolve => setImmediate(resolve));

        expect(warnings.map(warning => warning.name)).not.toContain('MaxListenersExceededWarning');
      } finally {
        realProcess.off('warning', onWarning);
        await rig.close();
      }
    },
  );
});

describe('logging', () => {
  it('is silent by default and goes to the injected logger when one is given', async () => {
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const spies = consoleMethods.map(method => jest.spyOn(console, method));
    const silent = await startRig('java', { flavor: 'auto' });
    await silent.client.registry.register([instanceOf('quiet', 1)]);
    await silent.client.flavor();
    await silent.emulator.stop();
    await silent.client.discovery.getService('quiet-missing').catch(() => undefined);
    await silent.close();
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }

    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const logged = await startRig('java', { flavor: 'auto', logger });
    await logged.client.flavor();
    await logged.close();
    const messages = logger.info.mock.calls.map(call => JSON.stringify(call));
    expect(messages.some(message => message.includes('flavour detected'))).toBe(true);
  });
});

describe('createArtemisClient options', () => {
  it('rejects bad options with a ConfigError naming each field, starting nothing', () => {
    let caught: unknown;
    try {
      createArtemisClient({
        serverUrls: [],
        heartbeatIntervalMs: 10_000,
        heartbeatTtlMs: 10_000,
        env: {},
      });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const paths = (caught as ConfigError).issues.map(issue => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['serverUrls', 'heartbeatTtlMs']));
  });

  it('rejects an unknown option instead of ignoring it', () => {
    expect(() =>
      createArtemisClient({
        serverUrls: ['http://127.0.0.1:1'],
        heartbeatIntervalMS: 100,
        env: {},
      } as never),
    ).toThrow(ConfigError);
  });

  it('reads the server URLs from ARTEMIS_SERVER_URLS', async () => {
    const client = createArtemisClient({
      flavor: 'java',
      env: { ARTEMIS_SERVER_URLS: 'http://127.0.0.1:1,http://127.0.0.1:2' },
    });
    try {
      expect(client.config.current.serverUrls).toEqual([
        'http://127.0.0.1:1',
        'http://127.0.0.1:2',
      ]);
    } finally {
      await client.close();
    }
  });
});
