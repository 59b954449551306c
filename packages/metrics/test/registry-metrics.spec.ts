import { ArtemisError } from '@artemis/protocol';
import { Registry } from 'prom-client';

import { createArtemisMetrics } from '../src/index.js';

import { FakeRegistryClient } from './fake-sources.js';
import { sample, seriesOf } from './scrape.js';

describe('registry metrics', () => {
  let registry: Registry;
  let client: FakeRegistryClient;

  beforeEach(() => {
    registry = new Registry();
    client = new FakeRegistryClient();
    createArtemisMetrics({ registry }).attach({ registry: client });
  });

  it('records acknowledged heartbeats with their latency and event-loop delay in seconds', async () => {
    client.events.emit('heartbeat-acknowledged', { latencyMs: 30, count: 2, eventLoopDelayMs: 3 });
    client.events.emit('heartbeat-acknowledged', {
      latencyMs: 700,
      count: 2,
      eventLoopDelayMs: 40,
    });

    expect(await sample(registry, 'artemis_client_heartbeats_total{result="acknowledged"}')).toBe(
      2,
    );
    expect(await sample(registry, 'artemis_client_heartbeat_latency_seconds_count')).toBe(2);
    expect(await sample(registry, 'artemis_client_heartbeat_latency_seconds_sum')).toBeCloseTo(
      0.73,
    );
    expect(
      await sample(registry, 'artemis_client_heartbeat_latency_seconds_bucket{le="0.05"}'),
    ).toBe(1);
    expect(
      await sample(registry, 'artemis_client_heartbeat_latency_seconds_bucket{le="0.5"}'),
    ).toBe(1);
    expect(await sample(registry, 'artemis_client_heartbeat_latency_seconds_bucket{le="1"}')).toBe(
      2,
    );
    expect(
      await sample(
        registry,
        'artemis_client_heartbeat_event_loop_delay_seconds_bucket{le="0.005"}',
      ),
    ).toBe(1);
    expect(
      await sample(registry, 'artemis_client_heartbeat_event_loop_delay_seconds_sum'),
    ).toBeCloseTo(0.043);
  });

  it('counts failed heartbeats by error code, unknown when the error has none', async () => {
    client.events.emit('heartbeat-failed', {
      error: new ArtemisError('ARTEMIS_REQUEST_TIMEOUT', 'slow'),
      count: 1,
    });
    client.events.emit('heartbeat-failed', {
      error: new ArtemisError('ARTEMIS_REQUEST_TIMEOUT', 'slow'),
      count: 1,
    });
    client.events.emit('heartbeat-failed', { error: new Error('no code'), count: 1 });
    client.events.emit('heartbeat-failed', { error: { code: 'not a code; drop table' }, count: 1 });

    expect(await sample(registry, 'artemis_client_heartbeats_total{result="failed"}')).toBe(4);
    expect(
      await sample(
        registry,
        'artemis_client_heartbeat_failures_total{code="ARTEMIS_REQUEST_TIMEOUT"}',
      ),
    ).toBe(2);
    expect(await sample(registry, 'artemis_client_heartbeat_failures_total{code="unknown"}')).toBe(
      2,
    );
  });

  it('folds error codes beyond the fiftieth distinct one into other', async () => {
    for (let index = 0; index < 55; index += 1) {
      client.events.emit('heartbeat-failed', { error: { code: `E_CODE_${index}` }, count: 1 });
    }

    expect(
      await sample(registry, 'artemis_client_heartbeat_failures_total{code="E_CODE_49"}'),
    ).toBe(1);
    expect(
      await sample(registry, 'artemis_client_heartbeat_failures_total{code="E_CODE_50"}'),
    ).toBe(undefined);
    expect(await sample(registry, 'artemis_client_heartbeat_failures_total{code="other"}')).toBe(5);
  });

  it('counts registrations, lost leases and registrations again', async () => {
    const instances = [{ instanceId: 'a' }];
    client.events.emit('registered', { instances });
    client.events.emit('registered', { instances });
    client.events.emit('lease-lost', { instances });
    client.events.emit('re-registered', { instances, reason: 'lease-lost' });
    client.events.emit('re-registered', { instances, reason: 'ttl-expired' });
    client.events.emit('re-registered', { instances, reason: 'status-changed' });
    client.events.emit('re-registered', { instances, reason: 'whim' as 'lease-lost' });
    client.events.emit('re-registration-failed', { instances, error: new Error('down') });

    expect(await sample(registry, 'artemis_client_registrations_total')).toBe(2);
    expect(await sample(registry, 'artemis_client_lease_losses_total')).toBe(1);
    expect(await seriesOf(registry, 'artemis_client_re_registrations_total')).toEqual([
      'artemis_client_re_registrations_total{reason="lease-lost"} 1',
      'artemis_client_re_registrations_total{reason="ttl-expired"} 1',
      'artemis_client_re_registrations_total{reason="status-changed"} 1',
      'artemis_client_re_registrations_total{reason="other"} 1',
    ]);
    expect(await sample(registry, 'artemis_client_re_registration_failures_total')).toBe(1);
  });

  it('counts status changes by the new status, and failed health checks', async () => {
    const changed = (status: 'up' | 'down') => ({
      instance: { instanceId: 'a', status },
      previous: status === 'up' ? 'down' : 'up',
    });
    client.events.emit('status-changed', changed('down'));
    client.events.emit('status-changed', changed('up'));
    client.events.emit('status-changed', changed('down'));
    client.events.emit('health-check-failed', {
      instance: { instanceId: 'a' },
      error: new Error('late'),
    });

    expect(await seriesOf(registry, 'artemis_client_status_changes_total')).toEqual([
      'artemis_client_status_changes_total{status="down"} 2',
      'artemis_client_status_changes_total{status="up"} 1',
    ]);
    expect(await sample(registry, 'artemis_client_health_check_failures_total')).toBe(1);
  });

  it('reads the registered instances at scrape time', async () => {
    client.instances = [{ instanceId: 'a' }, { instanceId: 'b' }, { instanceId: 'c' }];
    expect(await sample(registry, 'artemis_client_registered_instances')).toBe(3);

    client.instances = [{ instanceId: 'a' }];
    expect(await sample(registry, 'artemis_client_registered_instances')).toBe(1);
  });

  it('ignores a negative or missing latency instead of corrupting the histogram', async () => {
    client.events.emit('heartbeat-acknowledged', {
      latencyMs: -5,
      count: 1,
      eventLoopDelayMs: NaN,
    });

    expect(await sample(registry, 'artemis_client_heartbeats_total{result="acknowledged"}')).toBe(
      1,
    );
    expect(await sample(registry, 'artemis_client_heartbeat_latency_seconds_count')).toBe(0);
    expect(await sample(registry, 'artemis_client_heartbeat_event_loop_delay_seconds_count')).toBe(
      0,
    );
  });
});
