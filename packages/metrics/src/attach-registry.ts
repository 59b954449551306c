import type { Attachment } from './attachment.js';
import type { RegistryMetricsSource } from './sources.js';

/** Heartbeat and registration metrics from a registry client. */
export function attachRegistry(attachment: Attachment, source: RegistryMetricsSource): void {
  const { metrics, labels } = attachment;

  attachment.listen(source.events, 'registered', () => metrics.registrations.inc());
  attachment.listen(source.events, 'lease-lost', () => metrics.leaseLosses.inc());
  attachment.listen(source.events, 're-registered', again => {
    metrics.reRegistrations.inc({ reason: labels.reRegistrationReason.value(again.reason) });
  });
  attachment.listen(source.events, 're-registration-failed', () =>
    metrics.reRegistrationFailures.inc(),
  );
  attachment.listen(source.events, 'status-changed', change => {
    metrics.statusChanges.inc({ status: labels.status.value(change.instance.status) });
  });
  attachment.listen(source.events, 'health-check-failed', () => metrics.healthCheckFailures.inc());

  attachment.listen(source.events, 'heartbeat-acknowledged', beat => {
    metrics.heartbeats.inc({ result: 'acknowledged' });
    observeMs(metrics.heartbeatLatency, beat.latencyMs);
    observeMs(metrics.heartbeatEventLoopDelay, beat.eventLoopDelayMs);
  });

  attachment.listen(source.events, 'heartbeat-failed', failure => {
    metrics.heartbeats.inc({ result: 'failed' });
    metrics.heartbeatFailures.inc({ code: labels.errorCode(failure.error) });
  });

  attachment.provide(metrics.registeredInstances, emit => {
    const registered = source.registered?.();
    if (registered) emit({}, registered.length);
  });
}

/** Records a duration given in milliseconds, in seconds; ignores a missing or bad value. */
export function observeMs(
  histogram: { observe(value: number): void },
  durationMs: number | undefined,
): void {
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) return;
  histogram.observe(durationMs / 1000);
}
