import { Registry } from 'prom-client';

import { createArtemisMetrics } from '../src/index.js';

import { FakeDiscoveryClient, FakeTrackingDiscoveryClient } from './fake-sources.js';
import { sample, seriesOf } from './scrape.js';

describe('discovery metrics', () => {
  let registry: Registry;
  let client: FakeDiscoveryClient;

  beforeEach(() => {
    registry = new Registry();
    client = new FakeDiscoveryClient();
  });

  it('counts applied pushes per service, not changes found by a fetch', async () => {
    createArtemisMetrics({ registry }).attach({ discovery: client });

    client.events.emit('change', { serviceId: 'Orders', changeType: 'new', source: 'push' });
    client.events.emit('change', { serviceId: 'orders', changeType: 'delete', source: 'push' });
    client.events.emit('change', { serviceId: 'orders', changeType: 'new', source: 'fetch' });
    client.events.emit('push-dropped', { serviceId: 'orders', reason: 'stale' });
    client.events.emit('push-dropped', { reason: 'invalid' });

    expect(await seriesOf(registry, 'artemis_client_discovery_pushes_applied_total')).toEqual([
      'artemis_client_discovery_pushes_applied_total{service="orders"} 2',
    ]);
    expect(
      await sample(registry, 'artemis_client_discovery_pushes_dropped_total{reason="stale"}'),
    ).toBe(1);
    expect(
      await sample(registry, 'artemis_client_discovery_pushes_dropped_total{reason="invalid"}'),
    ).toBe(1);
  });

  it('counts services restored from the snapshot and snapshot failures by operation', async () => {
    createArtemisMetrics({ registry }).attach({ discovery: client });

    client.events.emit('restored', { serviceId: 'orders', savedAt: 1, instanceCount: 2 });
    client.events.emit('snapshot-failed', { operation: 'save', error: new Error('disk full') });
    client.events.emit('snapshot-failed', { operation: 'save', error: new Error('disk full') });
    client.events.emit('snapshot-failed', {
      operation: 'defrost' as 'load',
      error: new Error('?'),
    });

    expect(await sample(registry, 'artemis_client_discovery_restores_total')).toBe(1);
    expect(await seriesOf(registry, 'artemis_client_discovery_snapshot_failures_total')).toEqual([
      'artemis_client_discovery_snapshot_failures_total{operation="save"} 2',
      'artemis_client_discovery_snapshot_failures_total{operation="other"} 1',
    ]);
  });

  it('records refreshes by result and the latency of the successful ones', async () => {
    createArtemisMetrics({ registry }).attach({ discovery: client });

    client.events.emit('refreshed', { serviceIds: ['orders', 'users'], durationMs: 120 });
    client.events.emit('refresh-failed', { serviceIds: ['orders'], error: new Error('down') });

    expect(
      await sample(registry, 'artemis_client_discovery_refreshes_total{result="success"}'),
    ).toBe(1);
    expect(
      await sample(registry, 'artemis_client_discovery_refreshes_total{result="failed"}'),
    ).toBe(1);
    expect(await sample(registry, 'artemis_client_discovery_latency_seconds_count')).toBe(1);
    expect(await sample(registry, 'artemis_client_discovery_latency_seconds_sum')).toBeCloseTo(
      0.12,
    );
    expect(
      await sample(registry, 'artemis_client_discovery_latency_seconds_bucket{le="0.1"}'),
    ).toBe(0);
    expect(
      await sample(registry, 'artemis_client_discovery_latency_seconds_bucket{le="0.25"}'),
    ).toBe(1);
  });

  it('reads cache size, age and staleness per service at scrape time', async () => {
    createArtemisMetrics({ registry }).attach({ discovery: client });
    client.cache.set('orders', { ageMs: 1500, stale: false, ready: true, count: 3 });
    client.cache.set('users', { ageMs: 1_000_000, stale: true, ready: true, count: 0 });
    client.cache.set('never', { ageMs: Infinity, stale: true, ready: false, count: 0 });
    client.events.emit('refreshed', { serviceIds: ['orders', 'users'], durationMs: 5 });
    client.events.emit('refresh-failed', { serviceIds: ['never'], error: new Error('404') });

    expect(await seriesOf(registry, 'artemis_client_discovery_cache_instances')).toEqual([
      'artemis_client_discovery_cache_instances{service="orders"} 3',
      'artemis_client_discovery_cache_instances{service="users"} 0',
      'artemis_client_discovery_cache_instances{service="never"} 0',
    ]);
    // A service never fetched has no age.
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_age_seconds')).toEqual([
      'artemis_client_discovery_cache_age_seconds{service="orders"} 1.5',
      'artemis_client_discovery_cache_age_seconds{service="users"} 1000',
    ]);
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_stale')).toEqual([
      'artemis_client_discovery_cache_stale{service="orders"} 0',
      'artemis_client_discovery_cache_stale{service="users"} 1',
      'artemis_client_discovery_cache_stale{service="never"} 1',
    ]);

    client.cache.set('orders', { ageMs: 2500, stale: false, ready: true, count: 4 });
    expect(
      await sample(registry, 'artemis_client_discovery_cache_age_seconds{service="orders"}'),
    ).toBe(2.5);
    expect(
      await sample(registry, 'artemis_client_discovery_cache_instances{service="orders"}'),
    ).toBe(4);
  });

  it('caps the service label: services beyond the limit share other, with summed size and the worst age', async () => {
    createArtemisMetrics({ registry, maxServiceLabels: 2 }).attach({ discovery: client });
    client.cache.set('a', { ageMs: 1000, stale: false, ready: true, count: 1 });
    client.cache.set('b', { ageMs: 2000, stale: false, ready: true, count: 2 });
    client.cache.set('c', { ageMs: 3000, stale: false, ready: true, count: 3 });
    client.cache.set('d', { ageMs: 9000, stale: true, ready: true, count: 4 });
    client.events.emit('refreshed', { serviceIds: ['a', 'b', 'c', 'd'], durationMs: 5 });
    for (const serviceId of ['a', 'b', 'c', 'd', 'e']) {
      client.events.emit('change', { serviceId, changeType: 'new', source: 'push' });
    }

    expect(await seriesOf(registry, 'artemis_client_discovery_cache_instances')).toEqual([
      'artemis_client_discovery_cache_instances{service="a"} 1',
      'artemis_client_discovery_cache_instances{service="b"} 2',
      'artemis_client_discovery_cache_instances{service="other"} 7',
    ]);
    expect(
      await sample(registry, 'artemis_client_discovery_cache_age_seconds{service="other"}'),
    ).toBe(9);
    expect(await sample(registry, 'artemis_client_discovery_cache_stale{service="other"}')).toBe(1);
    expect(
      await sample(registry, 'artemis_client_discovery_pushes_applied_total{service="other"}'),
    ).toBe(3);
  });

  it('reads the tracked services from a client that lists them, without any event', async () => {
    const tracking = new FakeTrackingDiscoveryClient();
    createArtemisMetrics({ registry }).attach({ discovery: tracking });
    tracking.cache.set('orders', { ageMs: 500, stale: false, instanceCount: 2 });
    tracking.cache.set('users', { ageMs: 4000, stale: true });

    expect(await sample(registry, 'artemis_client_discovery_cached_services')).toBe(2);
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_age_seconds')).toEqual([
      'artemis_client_discovery_cache_age_seconds{service="orders"} 0.5',
      'artemis_client_discovery_cache_age_seconds{service="users"} 4',
    ]);
    // Instances come from cacheInfo when the client reports them there; users reports none.
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_instances')).toEqual([
      'artemis_client_discovery_cache_instances{service="orders"} 2',
    ]);

    tracking.cache.delete('orders');
    expect(await sample(registry, 'artemis_client_discovery_cached_services')).toBe(1);
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_instances')).toEqual([]);
  });

  it('counts no cached services for a client that cannot list them', async () => {
    createArtemisMetrics({ registry }).attach({ discovery: client });
    client.events.emit('refreshed', { serviceIds: ['orders'], durationMs: 5 });

    expect(await sample(registry, 'artemis_client_discovery_cached_services')).toBe(0);
  });

  it('keeps scraping when the source throws at scrape time, and logs it', async () => {
    const warnings: unknown[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (fields: unknown) => warnings.push(fields),
      error() {},
    };
    createArtemisMetrics({ registry, logger }).attach({ discovery: client });
    client.events.emit('refreshed', { serviceIds: ['orders'], durationMs: 5 });
    client.cacheInfo = () => {
      throw new Error('closed');
    };

    expect(
      await sample(registry, 'artemis_client_discovery_refreshes_total{result="success"}'),
    ).toBe(1);
    expect(await seriesOf(registry, 'artemis_client_discovery_cache_age_seconds')).toEqual([]);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
  });
});
