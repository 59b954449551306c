import type { Attachment } from './attachment.js';
import type { AddressMetricsSource, HttpMetricsSource, SocketMetricsSource } from './sources.js';

/** Request, duration and retry metrics from an HTTP client. */
export function attachHttp(attachment: Attachment, source: HttpMetricsSource): void {
  const { metrics, labels } = attachment;

  attachment.listen(source.events, 'request', request => {
    const side = labels.side.value(request.side);
    const operation = labels.operation.value(request.operation);
    metrics.httpRequests.inc({
      side,
      operation,
      outcome: labels.httpOutcome.value(request.outcome),
    });
    if (Number.isFinite(request.durationMs) && request.durationMs >= 0) {
      metrics.httpRequestDuration.observe({ side, operation }, request.durationMs / 1000);
    }
  });

  attachment.listen(source.events, 'retry', retry => {
    metrics.httpRetries.inc({
      side: labels.side.value(retry.side),
      operation: labels.operation.value(retry.operation),
    });
  });
}

/** Mark-down, list-change and healthy-address metrics from an address manager. */
export function attachAddresses(attachment: Attachment, source: AddressMetricsSource): void {
  const { metrics, labels } = attachment;

  attachment.listen(source.events, 'address-down', down => {
    metrics.addressMarkDowns.inc({ side: labels.side.value(down.side) });
  });
  attachment.listen(source.events, 'list-changed', change => {
    metrics.addressListChanges.inc({ side: labels.side.value(change.side) });
  });

  // A manager that does not say its side tells it in its first event.
  let side = source.side === undefined ? undefined : labels.side.value(source.side);
  const learnSide = (event: { side: string }): void => {
    side = labels.side.value(event.side);
  };
  attachment.listen(source.events, 'address-down', learnSide);
  attachment.listen(source.events, 'list-changed', learnSide);

  attachment.provide(metrics.addressesHealthy, emit => {
    const snapshot = source.snapshot?.();
    if (snapshot)
      emit({ side: side ?? 'other' }, snapshot.filter(address => address.healthy).length);
  });
}

/** Connection, reconnect and frame-error metrics from a WebSocket. */
export function attachSocket(attachment: Attachment, source: SocketMetricsSource): void {
  const { metrics, labels } = attachment;
  let side = source.side === undefined ? undefined : labels.side.value(source.side);
  let state = source.state === undefined ? undefined : labels.socketState.value(source.state);

  attachment.listen(source.events, 'state', change => {
    side = labels.side.value(change.side);
    state = labels.socketState.value(change.state);
  });
  attachment.listen(source.events, 'reconnect', reconnect => {
    metrics.websocketReconnects.inc({ side: labels.side.value(reconnect.side) });
  });
  attachment.listen(source.events, 'frame-error', failure => {
    metrics.websocketFrameErrors.inc({ side: labels.side.value(failure.side) });
  });

  attachment.provide(metrics.websocketConnections, emit => {
    if (side !== undefined && state !== undefined) emit({ side, state }, 1);
  });
}
