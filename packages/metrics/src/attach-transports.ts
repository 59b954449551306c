import type { Attachment } from './attachment.js';
import { OTHER_LABEL } from './bounded-label.js';
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

/**
 * Connection, reconnect, frame and frame-error metrics from a WebSocket. `knownSide` is the side
 * the caller named, for sockets that do not name it themselves.
 */
export function attachSocket(
  attachment: Attachment,
  source: SocketMetricsSource,
  knownSide?: string,
): void {
  const { metrics, labels } = attachment;
  const namedSide = source.side ?? knownSide;
  let side = namedSide === undefined ? undefined : labels.side.value(namedSide);
  let lastState: string | undefined;

  // Every event names its side; a socket that did not say it is known from its first event.
  const learnSide = (event: { side: string }): string => {
    side ??= labels.side.value(event.side);
    return labels.side.value(event.side);
  };

  attachment.listen(source.events, 'state', change => {
    learnSide(change);
    lastState = change.state;
  });
  attachment.listen(source.events, 'reconnect', reconnect => {
    metrics.websocketReconnects.inc({ side: learnSide(reconnect) });
  });
  attachment.listen(source.events, 'frame-error', failure => {
    metrics.websocketFrameErrors.inc({ side: learnSide(failure) });
  });

  if (source.messages$) {
    const subscription = source.messages$.subscribe(() => {
      metrics.websocketFramesReceived.inc({ side: side ?? OTHER_LABEL });
    });
    attachment.onDispose(() => subscription.unsubscribe());
  }

  // The state is read live where the socket offers it, so a socket attached while already open
  // is counted at once.
  attachment.provide(metrics.websocketConnections, emit => {
    const state = source.state ?? lastState;
    if (side !== undefined && state !== undefined) {
      emit({ side, state: labels.socketState.value(state) }, 1);
    }
  });
}
