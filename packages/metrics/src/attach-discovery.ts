import { observeMs } from './attach-registry.js';
import type { Attachment } from './attachment.js';
import type { DiscoveryMetricsSource } from './sources.js';

/** Beyond this many services the age gauges stop tracking new ones, so memory stays bounded. */
const MAX_KNOWN_SERVICES = 10_000;

/** Push, refresh and cache metrics from a discovery client. */
export function attachDiscovery(attachment: Attachment, source: DiscoveryMetricsSource): void {
  const { metrics, labels } = attachment;

  // The services this client has dealt with, as first spelt, whose cacheInfo the gauges read.
  const known = new Map<string, string>();
  const remember = (serviceIds: readonly string[]): void => {
    for (const serviceId of serviceIds) {
      const key = serviceId.toLowerCase();
      if (!known.has(key) && known.size < MAX_KNOWN_SERVICES) known.set(key, serviceId);
    }
  };

  attachment.listen(source.events, 'change', change => {
    remember([change.serviceId]);
    if (change.source === 'push') {
      metrics.discoveryPushesApplied.inc({ service: labels.service(change.serviceId) });
    }
  });
  attachment.listen(source.events, 'push-dropped', dropped => {
    metrics.discoveryPushesDropped.inc({ reason: labels.dropReason.value(dropped.reason) });
  });
  attachment.listen(source.events, 'refreshed', refresh => {
    remember(refresh.serviceIds);
    metrics.discoveryRefreshes.inc({ result: 'success' });
    observeMs(metrics.discoveryLatency, refresh.durationMs);
  });
  attachment.listen(source.events, 'refresh-failed', failure => {
    remember(failure.serviceIds);
    metrics.discoveryRefreshes.inc({ result: 'failed' });
  });
  attachment.listen(source.events, 'restored', () => metrics.discoveryRestores.inc());
  attachment.listen(source.events, 'snapshot-failed', failure => {
    metrics.discoverySnapshotFailures.inc({
      operation: labels.snapshotOperation.value(failure.operation),
    });
  });

  // The services to report at scrape time: what the cache tracks when it says, else what the
  // events told.
  const servicesNow = (): Iterable<string> => source.trackedServices?.() ?? known.values();

  // Read at every scrape, through the source, so a client that gains the method later still counts.
  attachment.provide(metrics.discoveryCachedServices, emit => {
    const tracked = source.trackedServices?.();
    if (tracked) emit({}, tracked.length);
  });
  attachment.provide(metrics.discoveryCacheAge, emit => {
    for (const serviceId of servicesNow()) {
      const info = source.cacheInfo?.(serviceId);
      // A service never fetched has no age to show; Prometheus has no good value for it.
      if (info && Number.isFinite(info.ageMs)) {
        emit({ service: labels.service(serviceId) }, info.ageMs / 1000);
      }
    }
  });
  attachment.provide(metrics.discoveryCacheStale, emit => {
    for (const serviceId of servicesNow()) {
      const info = source.cacheInfo?.(serviceId);
      if (info) emit({ service: labels.service(serviceId) }, info.stale ? 1 : 0);
    }
  });
  attachment.provide(metrics.discoveryCacheInstances, emit => {
    if (source.cachedServices) {
      for (const cached of source.cachedServices()) {
        emit({ service: labels.service(cached.serviceId) }, cached.instanceCount);
      }
      return;
    }
    for (const serviceId of servicesNow()) {
      const count = source.cacheInfo?.(serviceId)?.instanceCount;
      if (typeof count === 'number') emit({ service: labels.service(serviceId) }, count);
    }
  });
}
