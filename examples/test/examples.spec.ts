// Runs every example against the emulator, in both server flavours, and checks what it returns,
// so that the examples the README quotes keep compiling and keep working.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';

import { addressExample } from '../address';
import { configFromEnv } from '../config-from-env';
import { discoveryExample } from '../discovery';
import { filtersExample } from '../filters';
import { httpRetryExample } from '../http-retry';
import { metricsExample } from '../metrics';
import { productionExample } from '../production';
import { protocolExample } from '../protocol';
import { registerAndDiscover } from '../register-and-discover';
import { registryExample } from '../registry';
import { testWithEmulator } from '../test-with-emulator';
import { watchChanges } from '../watch-changes';
import { nextJavaChange, rustSubscribeAndPing } from '../websocket';

/** A loopback URL on which nothing listens: a port that was free a moment ago. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe.each(['java', 'rust'] as const)('the examples on the %s server', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor });
  });
  afterEach(() => emulator.close());

  it('register-and-discover registers, discovers and unregisters on close', async () => {
    const result = await registerAndDiscover([emulator.url]);

    expect(result).toEqual({ flavor, discovered: ['orders-1', 'orders-2'], heldBack: 0 });
    expect(emulator.requests.filter(r => r.path.endsWith('/unregister.json'))).toHaveLength(1);
  });

  it('production follows health, drains on close and leaves a snapshot', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'artemis-example-'));
    try {
      const snapshotFile = join(folder, 'discovery.json');
      const result = await productionExample([emulator.url], snapshotFile);

      expect(result.whileDatabaseDown).toEqual(['checkout-1']);
      expect(result.afterRecovery).toEqual(['checkout-1', 'checkout-2']);
      expect(result.closeMs).toBeGreaterThanOrEqual(300);
      expect(emulator.instances('checkout')).toEqual([]);
      // What discovery knew at close: checkout, without the instances the client unregistered.
      const snapshot = JSON.parse(await readFile(snapshotFile, 'utf8')) as {
        services: Array<{ service: { serviceId: string; instances: unknown[] } }>;
      };
      expect(snapshot.services.map(saved => saved.service)).toEqual([
        { serviceId: 'checkout', instances: [] },
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('watch-changes sees an instance join and leave', async () => {
    const changes = await watchChanges([emulator.url]);

    expect(changes).toEqual([
      { changeType: 'new', instanceId: 'inventory-2', instancesAfter: 2 },
      { changeType: 'delete', instanceId: 'inventory-2', instancesAfter: 1 },
    ]);
  });

  it('filters keeps what each filter lets through', async () => {
    const result = await filtersExample([emulator.url]);

    expect(result).toEqual({
      chainKept: ['a'],
      discovered: ['payments-2'],
      heldBack: ['payments-3'],
    });
    expect(emulator.instances('payments').map(i => i.instanceId)).not.toContain('payments-3');
  });

  it('metrics exposes heartbeats, requests and the cache under its prefix', async () => {
    const text = await metricsExample([emulator.url]);

    expect(text).toMatch(/^shop_artemis_heartbeats_total\{result="acknowledged"\} [1-9]/m);
    expect(text).toMatch(/^shop_artemis_registrations_total [1-9]/m);
    expect(text).toMatch(
      /^shop_artemis_http_requests_total\{side="discovery",operation="get-service",outcome="success"\} [1-9]/m,
    );
    expect(text).not.toMatch(/^artemis_client_/m);
  });

  it('config-from-env reads ARTEMIS_* variables and reports every bad field', async () => {
    const result = await configFromEnv([emulator.url, 'http://127.0.0.1:1/']);

    expect(result).toEqual({
      serverUrls: [emulator.url, 'http://127.0.0.1:1'],
      regionId: 'test',
      flavor: 'auto',
      heartbeatTtlMs: 30_000,
      badFields: ['httpRetryCount', 'websocketPingIntervalMs'],
      heartbeatIntervalsSeen: [2_000],
      clientServerUrls: [emulator.url, 'http://127.0.0.1:1'],
    });
  });

  it('test-with-emulator shows the log, a data loss healed and a cluster failover', async () => {
    const result = await testWithEmulator(flavor);

    expect(result.heartbeatBody).toBe(flavor === 'java' ? 'instances' : 'instanceKeys');
    expect(result.afterDataLoss.instances).toEqual(['orders-1']);
    expect(result.afterDataLoss.registerCalls).toBeGreaterThanOrEqual(2);
    expect(result.servedWhileOneNodeDown).toEqual(['orders-1', 'orders-2']);
  });

  it('protocol builds, sends, reads and classifies', async () => {
    const result = await protocolExample(emulator.url);

    expect(result).toEqual({
      registerReply: 'success',
      heartbeatBodies: { java: ['instances'], rust: ['instanceKeys'] },
      rustKey: { serviceId: 'billing', groupId: '' },
      javaUnknownServiceInstances: 0,
      badFields: expect.arrayContaining(['instances[0].url', 'instances[0].port']),
    });
    expect(emulator.instances('Billing').map(i => i.instanceId)).toEqual(['billing-1']);
  });

  it('address quarantines a dead seed and refreshes from the cluster where it can', async () => {
    const dead = await deadUrl();
    const result = await addressExample(emulator.url, dead);

    expect(result.currentAfterMarkDown).toBe(emulator.url);
    expect(result.downEvents).toBe(1);
    if (flavor === 'java') {
      expect(result.refresh).toBe('updated');
      expect(result.urls).toEqual([emulator.url]);
    } else {
      expect(result.refresh).toBe('fallback');
      expect(result.urls).toEqual([dead, emulator.url]);
    }
  });

  it('http-retry fails over from a dead node to a live one', async () => {
    const result = await httpRetryExample([await deadUrl(), emulator.url]);

    expect(result.classification).toBe('success');
    expect(result.attempts).toBe(2);
    expect(result.outcomes).toEqual(['transport-error', 'success']);
  });

  it('registry registers and keeps the instance alive', async () => {
    const result = await registryExample([emulator.url], flavor);

    expect(result).toEqual({ registered: ['search-1'], acknowledgedCount: 1, kept: ['search-1'] });
    expect(emulator.requests.some(r => r.path.endsWith('/heartbeat.json'))).toBe(true);
    expect(emulator.requests.filter(r => r.path.endsWith('/unregister.json'))).toHaveLength(1);
  });

  it('discovery answers from the cache and reads an unknown service as empty', async () => {
    emulator.registerInstance({
      serviceId: 'catalog',
      instanceId: 'catalog-1',
      ip: '127.0.0.1',
      port: 1,
      url: 'http://127.0.0.1:1',
    });
    emulator.registerInstance({
      serviceId: 'catalog',
      instanceId: 'catalog-2',
      ip: '127.0.0.1',
      port: 2,
      url: 'http://127.0.0.1:2',
    });

    const result = await discoveryExample([emulator.url], flavor);

    expect(result).toEqual({
      instances: ['catalog-1', 'catalog-2'],
      ready: true,
      stale: false,
      sameObjectFromCache: true,
      emptyServiceInstances: 0,
    });
  });

  it('websocket speaks the dialect of the server', async () => {
    if (flavor === 'java') {
      // `subscribed` means the frame went out; make the change once the server has read it.
      const change = await nextJavaChange(emulator.url, 'alerts', async () => {
        await emulator.waitForFrame(frame => frame.path.endsWith('/instance-change'));
        emulator.registerInstance({
          serviceId: 'alerts',
          instanceId: 'alerts-1',
          ip: '127.0.0.1',
          port: 1,
          url: 'http://127.0.0.1:1',
        });
      });
      expect(change).toMatchObject({ changeType: 'new', instance: { instanceId: 'alerts-1' } });
    } else {
      await expect(rustSubscribeAndPing(emulator.url, 'alerts')).resolves.toBe(true);
      expect(emulator.frames.map(frame => JSON.parse(frame.data).type)).toEqual(
        expect.arrayContaining(['subscribe', 'ping']),
      );
    }
  });
});
