import type { ArtemisMetrics, SocketMetricsSource } from '@artemis/metrics';

/**
 * Feeds the WebSocket metrics from the sockets of one side as the transports open them. A side
 * has one socket at a time, so a new one replaces the previous one's feed.
 */
export function followSockets(
  metrics: ArtemisMetrics | undefined,
  side: 'registry' | 'discovery',
): (socket: SocketMetricsSource) => void {
  let detachPrevious: (() => void) | undefined;
  return socket => {
    if (!metrics) return;
    detachPrevious?.();
    detachPrevious = metrics.attach({ sockets: [{ side, socket }] });
  };
}
