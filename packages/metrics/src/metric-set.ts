import type { Counter, Histogram, Registry } from 'prom-client';

import type { CollectedGauge } from './metric-factory.js';
import { collectedGaugeOn, counterOn, histogramOn } from './metric-factory.js';

/** Buckets for network round trips, in seconds: 5 ms to 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Buckets for event-loop delay, in seconds: 1 ms to 2.5 s. */
const LOOP_DELAY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Every collector of the SDK on one registry, under one prefix. */
export interface MetricSet {
  heartbeatLatency: Histogram<never>;
  heartbeats: Counter<'result'>;
  heartbeatFailures: Counter<'code'>;
  heartbeatEventLoopDelay: Histogram<never>;
  registeredInstances: CollectedGauge<never>;
  registrations: Counter<never>;
  leaseLosses: Counter<never>;
  reRegistrations: Counter<'reason'>;
  reRegistrationFailures: Counter<never>;
  statusChanges: Counter<'status'>;
  healthCheckFailures: Counter<never>;
  httpRequests: Counter<'side' | 'operation' | 'outcome'>;
  httpRequestDuration: Histogram<'side' | 'operation'>;
  httpRetries: Counter<'side' | 'operation'>;
  addressMarkDowns: Counter<'side'>;
  addressListChanges: Counter<'side'>;
  addressesHealthy: CollectedGauge<'side'>;
  websocketConnections: CollectedGauge<'side' | 'state'>;
  websocketReconnects: Counter<'side'>;
  websocketFramesReceived: Counter<'side'>;
  websocketFrameErrors: Counter<'side'>;
  discoveryPushesApplied: Counter<'service'>;
  discoveryPushesDropped: Counter<'reason'>;
  discoveryRefreshes: Counter<'result'>;
  discoveryLatency: Histogram<never>;
  discoveryCachedServices: CollectedGauge<never>;
  discoveryCacheInstances: CollectedGauge<'service'>;
  discoveryCacheAge: CollectedGauge<'service'>;
  discoveryCacheStale: CollectedGauge<'service'>;
  discoveryRestores: Counter<never>;
  discoverySnapshotFailures: Counter<'operation'>;
}

/** Creates the SDK's metrics on `registry`, or takes the ones an earlier call created there. */
export function metricSetOn(registry: Registry, prefix: string): MetricSet {
  const name = (suffix: string): string => `${prefix}${suffix}`;
  const none: readonly never[] = [];

  return {
    heartbeatLatency: histogramOn(registry, {
      name: name('heartbeat_latency_seconds'),
      help: 'Time from sending a heartbeat to its acknowledgement by the registry.',
      labelNames: none,
      buckets: LATENCY_BUCKETS,
    }),
    heartbeats: counterOn(registry, {
      name: name('heartbeats_total'),
      help: 'Heartbeats by result: acknowledged or failed.',
      labelNames: ['result'],
    }),
    heartbeatFailures: counterOn(registry, {
      name: name('heartbeat_failures_total'),
      help: 'Failed heartbeats by the error code of the failure.',
      labelNames: ['code'],
    }),
    heartbeatEventLoopDelay: histogramOn(registry, {
      name: name('heartbeat_event_loop_delay_seconds'),
      help: 'Longest event-loop delay since the previous heartbeat, taken at each acknowledged beat.',
      labelNames: none,
      buckets: LOOP_DELAY_BUCKETS,
    }),
    registeredInstances: collectedGaugeOn(registry, {
      name: name('registered_instances'),
      help: 'Instances the registry clients currently keep alive.',
      labelNames: none,
      aggregation: 'sum',
    }),
    registrations: counterOn(registry, {
      name: name('registrations_total'),
      help: 'Successful register calls.',
      labelNames: none,
    }),
    leaseLosses: counterOn(registry, {
      name: name('lease_losses_total'),
      help: 'Times the registry reported that it had forgotten registered instances.',
      labelNames: none,
    }),
    reRegistrations: counterOn(registry, {
      name: name('re_registrations_total'),
      help: 'Automatic registrations again, by reason: lease-lost, ttl-expired or status-changed.',
      labelNames: ['reason'],
    }),
    reRegistrationFailures: counterOn(registry, {
      name: name('re_registration_failures_total'),
      help: 'Automatic registrations again that did not go through; the next beat tries again.',
      labelNames: none,
    }),
    statusChanges: counterOn(registry, {
      name: name('status_changes_total'),
      help: 'Instance statuses the health check changed, by the new status.',
      labelNames: ['status'],
    }),
    healthCheckFailures: counterOn(registry, {
      name: name('health_check_failures_total'),
      help: 'Health checks of an instance that threw, were late or answered no status.',
      labelNames: none,
    }),
    httpRequests: counterOn(registry, {
      name: name('http_requests_total'),
      help: 'HTTP request attempts by side, operation and outcome.',
      labelNames: ['side', 'operation', 'outcome'],
    }),
    httpRequestDuration: histogramOn(registry, {
      name: name('http_request_duration_seconds'),
      help: 'Duration of each HTTP request attempt.',
      labelNames: ['side', 'operation'],
      buckets: LATENCY_BUCKETS,
    }),
    httpRetries: counterOn(registry, {
      name: name('http_retries_total'),
      help: 'HTTP retries scheduled after a failed attempt.',
      labelNames: ['side', 'operation'],
    }),
    addressMarkDowns: counterOn(registry, {
      name: name('address_mark_downs_total'),
      help: 'Server addresses put in quarantine after a failure.',
      labelNames: ['side'],
    }),
    addressListChanges: counterOn(registry, {
      name: name('address_list_changes_total'),
      help: 'Changes of the server address list.',
      labelNames: ['side'],
    }),
    addressesHealthy: collectedGaugeOn(registry, {
      name: name('addresses_healthy'),
      help: 'Server addresses currently out of quarantine.',
      labelNames: ['side'],
      aggregation: 'sum',
    }),
    websocketConnections: collectedGaugeOn(registry, {
      name: name('websocket_connections'),
      help: 'WebSocket connections by side and state.',
      labelNames: ['side', 'state'],
      aggregation: 'sum',
    }),
    websocketReconnects: counterOn(registry, {
      name: name('websocket_reconnects_total'),
      help: 'WebSocket reconnects scheduled.',
      labelNames: ['side'],
    }),
    websocketFramesReceived: counterOn(registry, {
      name: name('websocket_frames_received_total'),
      help: 'WebSocket text frames received from the server.',
      labelNames: ['side'],
    }),
    websocketFrameErrors: counterOn(registry, {
      name: name('websocket_frame_errors_total'),
      help: 'WebSocket frames that could not be read or sent.',
      labelNames: ['side'],
    }),
    discoveryPushesApplied: counterOn(registry, {
      name: name('discovery_pushes_applied_total'),
      help: 'Pushed instance changes applied to the discovery cache.',
      labelNames: ['service'],
    }),
    discoveryPushesDropped: counterOn(registry, {
      name: name('discovery_pushes_dropped_total'),
      help: 'Pushed changes ignored: stale, for an untracked service, or unreadable.',
      labelNames: ['reason'],
    }),
    discoveryRefreshes: counterOn(registry, {
      name: name('discovery_refreshes_total'),
      help: 'Fetches of services from the discovery side by result: success or failed.',
      labelNames: ['result'],
    }),
    discoveryLatency: histogramOn(registry, {
      name: name('discovery_latency_seconds'),
      help: 'Time each successful fetch of services from the discovery side took.',
      labelNames: none,
      buckets: LATENCY_BUCKETS,
    }),
    discoveryCachedServices: collectedGaugeOn(registry, {
      name: name('discovery_cached_services'),
      help: 'Services the discovery cache tracks.',
      labelNames: none,
      aggregation: 'sum',
    }),
    discoveryCacheInstances: collectedGaugeOn(registry, {
      name: name('discovery_cache_instances'),
      help: 'Instances held in the discovery cache per service.',
      labelNames: ['service'],
      aggregation: 'sum',
    }),
    discoveryCacheAge: collectedGaugeOn(registry, {
      name: name('discovery_cache_age_seconds'),
      help: 'Time since each cached service was last refreshed.',
      labelNames: ['service'],
      aggregation: 'max',
    }),
    discoveryCacheStale: collectedGaugeOn(registry, {
      name: name('discovery_cache_stale'),
      help: '1 when a cached service is past its TTL and served as last-known-good, else 0.',
      labelNames: ['service'],
      aggregation: 'max',
    }),
    discoveryRestores: counterOn(registry, {
      name: name('discovery_restores_total'),
      help: 'Services that could not be fetched and were answered from the snapshot.',
      labelNames: none,
    }),
    discoverySnapshotFailures: counterOn(registry, {
      name: name('discovery_snapshot_failures_total'),
      help: 'Discovery snapshots that could not be read (load) or written (save).',
      labelNames: ['operation'],
    }),
  };
}
