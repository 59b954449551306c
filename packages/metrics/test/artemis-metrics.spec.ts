import { ClientClosedError } from '@artemis/protocol';
import type { ArtemisError } from '@artemis/protocol';
import { Gauge, Registry, register as globalRegistry } from 'prom-client';

import {
  createArtemisMetrics,
  InvalidMetricsOptionsError,
  MetricConflictError,
} from '../src/index.js';

import {
  FakeAddressManager,
  FakeDiscoveryClient,
  FakeHttpClient,
  FakeRegistryClient,
  FakeSocket,
} from './fake-sources.js';
import { sample, seriesOf } from './scrape.js';

function allSources() {
  return {
    registry: new FakeRegistryClient(),
    discovery: new FakeDiscoveryClient(),
    http: [new FakeHttpClient(), new FakeHttpClient()],
    addresses: [new FakeAddressManager('registry')],
    sockets: [new FakeSocket()],
  };
}

function listenerTotal(sources: ReturnType<typeof allSources>): number {
  return [
    sources.registry,
    sources.discovery,
    ...sources.http,
    ...sources.addresses,
    ...sources.sockets,
  ]
    .map(source => source.events.listenerCount())
    .reduce((sum, count) => sum + count, 0);
}

describe(createArtemisMetrics, () => {
  afterEach(() => {
    // Whatever a case did, prom-client's global registry must stay untouched.
    expect(globalRegistry.getMetricsAsArray()).toHaveLength(0);
  });

  it('creates its metrics on a private registry and never on the global one', async () => {
    const metrics = createArtemisMetrics();
    metrics.attach(allSources());

    expect(metrics.registry).not.toBe(globalRegistry);
    expect(metrics.registry.getSingleMetric('artemis_client_heartbeats_total')).toBeDefined();
    expect(globalRegistry.getMetricsAsArray()).toHaveLength(0);
    expect((await globalRegistry.metrics()).trim()).toBe('');
  });

  it('uses the registry it is given, with the prefix it is given', async () => {
    const registry = new Registry();
    const registryClient = new FakeRegistryClient();
    createArtemisMetrics({ registry, prefix: 'shop_artemis_' }).attach({
      registry: registryClient,
    });

    registryClient.events.emit('lease-lost', { instances: [] });

    expect(await sample(registry, 'shop_artemis_lease_losses_total')).toBe(1);
    expect(registry.getSingleMetric('artemis_client_lease_losses_total')).toBeUndefined();
  });

  it('can be created twice on one registry, both feeding the same metrics', async () => {
    const registry = new Registry();
    const first = new FakeHttpClient();
    const second = new FakeHttpClient();

    createArtemisMetrics({ registry }).attach({ http: [first] });
    expect(() => createArtemisMetrics({ registry }).attach({ http: [second] })).not.toThrow();
    const request = {
      side: 'registry' as const,
      operation: 'heartbeat',
      url: 'http://x',
      outcome: 'success' as const,
      durationMs: 1,
      attempt: 1,
    };
    first.events.emit('request', request);
    second.events.emit('request', request);

    expect(await seriesOf(registry, 'artemis_client_http_requests_total')).toEqual([
      'artemis_client_http_requests_total{side="registry",operation="heartbeat",outcome="success"} 2',
    ]);
  });

  it('shares scrape-time gauges with a second instance built on metrics already registered', async () => {
    const registry = new Registry();
    const firstClient = new FakeRegistryClient();
    const secondClient = new FakeRegistryClient();
    firstClient.instances = [{ instanceId: 'a' }];
    secondClient.instances = [{ instanceId: 'b' }, { instanceId: 'c' }];

    createArtemisMetrics({ registry }).attach({ registry: firstClient });
    createArtemisMetrics({ registry }).attach({ registry: secondClient });

    expect(await sample(registry, 'artemis_client_registered_instances')).toBe(3);
  });

  it('refuses with a typed error a registry holding a different metric under one of its names', () => {
    const registry = new Registry();
    new Gauge({ name: 'artemis_client_heartbeats_total', help: 'not ours', registers: [registry] });

    expect(() => createArtemisMetrics({ registry })).toThrow(MetricConflictError);
    try {
      createArtemisMetrics({ registry });
    } catch (error) {
      expect((error as ArtemisError).code).toBe('ARTEMIS_METRIC_CONFLICT');
    }
  });

  it('rejects an invalid prefix or service-label limit with a typed error', () => {
    for (const options of [
      { prefix: '9lives_' },
      { prefix: 'a-b' },
      { maxServiceLabels: 0 },
      { maxServiceLabels: 1.5 },
    ]) {
      let caught: unknown;
      try {
        createArtemisMetrics(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidMetricsOptionsError);
      expect((caught as ArtemisError).code).toBe('ARTEMIS_INVALID_METRICS_OPTIONS');
    }
  });

  describe('detaching', () => {
    it('removes every listener it added and stops counting', async () => {
      const registry = new Registry();
      const sources = allSources();
      const detach = createArtemisMetrics({ registry }).attach(sources);
      expect(listenerTotal(sources)).toBeGreaterThan(0);

      detach();
      sources.registry.events.emit('registered', { instances: [] });

      expect(listenerTotal(sources)).toBe(0);
      expect(await sample(registry, 'artemis_client_registrations_total')).toBe(0);
    });

    it('stops reading the detached sources at scrape time', async () => {
      const registry = new Registry();
      const socket = new FakeSocket();
      const detach = createArtemisMetrics({ registry }).attach({ sockets: [socket] });
      socket.events.emit('state', { side: 'registry', state: 'open' });
      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toHaveLength(1);

      detach();

      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([]);
    });

    it('leaves other attachments in place, and is harmless twice', async () => {
      const registry = new Registry();
      const metrics = createArtemisMetrics({ registry });
      const kept = new FakeRegistryClient();
      const dropped = new FakeRegistryClient();
      metrics.attach({ registry: kept });
      const detach = metrics.attach({ registry: dropped });

      detach();
      detach();
      kept.events.emit('registered', { instances: [] });

      expect(kept.events.listenerCount()).toBeGreaterThan(0);
      expect(dropped.events.listenerCount()).toBe(0);
      expect(await sample(registry, 'artemis_client_registrations_total')).toBe(1);
    });
  });

  describe('close', () => {
    it('detaches every source, keeps the metrics for a last scrape and refuses new sources', async () => {
      const registry = new Registry();
      const metrics = createArtemisMetrics({ registry });
      const first = allSources();
      const second = allSources();
      metrics.attach(first);
      metrics.attach(second);
      first.registry.events.emit('registered', { instances: [] });

      metrics.close();
      metrics.close();

      expect(listenerTotal(first)).toBe(0);
      expect(listenerTotal(second)).toBe(0);
      expect(await metrics.metrics()).toContain('artemis_client_registrations_total 1');
      expect(() => metrics.attach(allSources())).toThrow(ClientClosedError);
    });
  });

  it('exposes the text format and its content type', async () => {
    const metrics = createArtemisMetrics();

    const text = await metrics.metrics();

    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE artemis_client_heartbeat_latency_seconds histogram');
    expect(text).toContain('# TYPE artemis_client_http_requests_total counter');
  });

  it('keeps a listener failure away from the source', () => {
    const registry = new Registry();
    const registryClient = new FakeRegistryClient();
    const listenerErrors: unknown[] = [];
    createArtemisMetrics({ registry }).attach({
      registry: {
        ...registryClient,
        events: {
          on: (event, listener) =>
            registryClient.events.on(event, payload => {
              try {
                listener(payload);
              } catch (error) {
                listenerErrors.push(error);
              }
            }),
        },
      },
    });

    // A heartbeat payload without the fields a sloppy source promised.
    registryClient.events.emit('heartbeat-acknowledged', null as never);

    expect(listenerErrors).toEqual([]);
  });
});
