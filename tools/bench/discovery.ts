// Discovery benchmarks: answering from a warm cache next to a plain Map, applying pushed changes,
// push-to-watch latency over loopback against the Java emulator, and heap per cached instance.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { createDiscoveryClient, DiscoveryClient } from '@artemis/discovery';
import type { ChangeSource, DiscoveryTransport } from '@artemis/discovery';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { DiscoveryConfig, Instance, InstanceChange, Service } from '@artemis/protocol';
import { startArtemisEmulator } from '@artemis/testing';
import { Subject } from 'rxjs';

import type { BenchResult } from './result';

const TIMINGS = {
  current: {
    discoveryCacheTtlMs: 900_000,
    discoveryReloadIntervalMs: 60_000,
    discoveryPollIntervalMs: 30_000,
  },
};

function instance(serviceId: string, index: number, extra: Partial<Instance> = {}): Instance {
  return {
    regionId: 'bench',
    zoneId: 'bench-z1',
    serviceId,
    instanceId: `${serviceId}-${index}`,
    ip: `10.0.${Math.floor(index / 250)}.${index % 250}`,
    port: 8080,
    protocol: 'http',
    url: `http://10.0.0.1:8080/${serviceId}/${index}`,
    status: 'up',
    metadata: { version: '1.0.0' },
    ...extra,
  };
}

/** Serves `perService` made-up instances for any service, from memory. */
class MemoryTransport implements DiscoveryTransport {
  constructor(readonly perService: number) {}

  async getService(config: DiscoveryConfig): Promise<Service> {
    const instances = Array.from({ length: this.perService }, (_, i) =>
      instance(config.serviceId, i),
    );
    return { serviceId: config.serviceId, instances };
  }

  async getServices(configs: readonly DiscoveryConfig[]): Promise<Service[]> {
    return Promise.all(configs.map(config => this.getService(config)));
  }
}

/** A change source driven by the benchmark. */
class ManualChangeSource implements ChangeSource {
  readonly canPush = true;
  readonly changes$ = new Subject<InstanceChange>();
  subscribe(): void {}
  unsubscribe(): void {}
  close(): void {
    this.changes$.complete();
  }
}

function opsPerSecond(count: number, elapsedMs: number): number {
  return Math.round((count / elapsedMs) * 1000);
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function benchWarmCache(): Promise<BenchResult[]> {
  const client = new DiscoveryClient({ transport: new MemoryTransport(10), config: TIMINGS });
  const map = new Map<string, Service>();
  try {
    map.set('orders', await client.getService('orders'));
    const iterations = 500_000;
    let sink = 0;

    // Warm both paths before timing them.
    for (let i = 0; i < 10_000; i++) sink += (await client.getService('orders')).instances.length;
    for (let i = 0; i < 10_000; i++) sink += map.get('orders')?.instances.length ?? 0;

    let started = performance.now();
    for (let i = 0; i < iterations; i++) {
      sink += (await client.getService('orders')).instances.length;
    }
    const cacheOps = opsPerSecond(iterations, performance.now() - started);

    started = performance.now();
    for (let i = 0; i < iterations; i++) sink += (await map.get('orders'))?.instances.length ?? 0;
    const awaitedMapOps = opsPerSecond(iterations, performance.now() - started);

    started = performance.now();
    for (let i = 0; i < iterations; i++)
      sink += client.peekService('orders')?.instances.length ?? 0;
    const peekOps = opsPerSecond(iterations, performance.now() - started);

    started = performance.now();
    for (let i = 0; i < iterations; i++) sink += map.get('orders')?.instances.length ?? 0;
    const mapOps = opsPerSecond(iterations, performance.now() - started);
    if (sink < 0) throw new Error('unreachable');

    return [
      { name: 'getService, warm cache', value: cacheOps, unit: 'ops/s', note: 'awaited' },
      {
        name: 'await Map.get, same run',
        value: awaitedMapOps,
        unit: 'ops/s',
        note: 'awaited baseline',
      },
      {
        name: 'getService / await Map.get',
        value: Number((cacheOps / awaitedMapOps).toFixed(3)),
        unit: 'ratio',
      },
      { name: 'peekService, warm cache', value: peekOps, unit: 'ops/s', note: 'synchronous' },
      { name: 'Map.get, same run', value: mapOps, unit: 'ops/s', note: 'synchronous baseline' },
      {
        name: 'peekService / Map.get',
        value: Number((peekOps / mapOps).toFixed(3)),
        unit: 'ratio',
      },
    ];
  } finally {
    await client.close();
  }
}

async function benchChangeRate(): Promise<BenchResult[]> {
  const source = new ManualChangeSource();
  const client = new DiscoveryClient({
    transport: new MemoryTransport(100),
    changeSource: source,
    config: TIMINGS,
  });
  try {
    let events = 0;
    const subscription = client.watch('orders').subscribe(() => (events += 1));
    await client.getService('orders');

    const changes = 50_000;
    const base = Date.now() + 1_000;
    const started = performance.now();
    for (let i = 0; i < changes; i++) {
      const changeType = i % 3 === 2 ? 'delete' : 'new';
      const changed = instance('orders', i % 100, { metadata: { version: String(i) } });
      source.changes$.next({ changeType, instance: changed, changeTime: base + i });
    }
    await new Promise(resolve => setImmediate(resolve));
    const elapsed = performance.now() - started;
    subscription.unsubscribe();

    return [
      {
        name: 'pushed changes applied',
        value: opsPerSecond(changes, elapsed),
        unit: 'changes/s',
        note: `service of 100 instances, ${events.toLocaleString('en-US')} watch events delivered`,
      },
    ];
  } finally {
    await client.close();
  }
}

async function benchPushLatency(): Promise<BenchResult[]> {
  const emulator = await startArtemisEmulator({ flavor: 'java', leaseTtlMs: 600_000 });
  const config = new ConfigStore(
    { serverUrls: [emulator.url], regionId: 'test', zoneId: 'test-z1' },
    {},
  );
  const addresses = new AddressManager({ side: 'discovery', config });
  const http = new ArtemisHttpClient({ side: 'discovery', addresses, config });
  const client = createDiscoveryClient({ config, addresses, http, flavor: 'java' });
  try {
    const pending = new Map<string, (at: number) => void>();
    const subscription = client.watch('latency').subscribe(event => {
      const id = event.instance?.instanceId;
      if (id) pending.get(id)?.(performance.now());
    });
    await client.waitForService('latency');
    await emulator.waitForFrame(frame => frame.data.includes('"latency"'), 10_000);

    const samples: number[] = [];
    for (let i = 0; i < 400; i++) {
      const instanceId = `latency-${i}`;
      const arrived = new Promise<number>(resolve => pending.set(instanceId, resolve));
      const started = performance.now();
      emulator.registerInstance({
        ...instance('latency', i),
        instanceId,
        regionId: 'test',
        zoneId: 'test-z1',
      });
      const at = await arrived;
      pending.delete(instanceId);
      if (i >= 20) samples.push(at - started); // The first ones warm the JIT and the socket.
    }
    subscription.unsubscribe();

    samples.sort((a, b) => a - b);
    return [
      {
        name: 'push to watch event, median',
        value: Number(percentile(samples, 50).toFixed(3)),
        unit: 'ms',
        note: 'java emulator, loopback',
      },
      {
        name: 'push to watch event, p99',
        value: Number(percentile(samples, 99).toFixed(3)),
        unit: 'ms',
        note: `${samples.length} registers`,
      },
    ];
  } finally {
    await client.close();
    await http.close();
    await addresses.close();
    config.close();
    await emulator.close();
  }
}

/** A `gc()` even when node was started without --expose-gc. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function benchHeap(): Promise<BenchResult[]> {
  const gc = garbageCollector();
  const services = 1_000;
  const perService = 100;
  const ids = Array.from({ length: services }, (_, i) => `service-${i}`);

  gc();
  const before = process.memoryUsage().heapUsed;
  const client = new DiscoveryClient({
    transport: new MemoryTransport(perService),
    config: TIMINGS,
  });
  try {
    for (let i = 0; i < services; i += 100) await client.getServices(ids.slice(i, i + 100));
    gc();
    const after = process.memoryUsage().heapUsed;
    const cached = (await client.getServices(ids)).reduce((sum, s) => sum + s.instances.length, 0);

    return [
      {
        name: 'heap per cached instance',
        value: Math.round((after - before) / cached),
        unit: 'bytes',
        note: `${cached.toLocaleString('en-US')} instances in ${services} services`,
      },
    ];
  } finally {
    await client.close();
  }
}

export async function benchDiscovery(): Promise<BenchResult[]> {
  return [
    ...(await benchWarmCache()),
    ...(await benchChangeRate()),
    ...(await benchPushLatency()),
    ...(await benchHeap()),
  ];
}
