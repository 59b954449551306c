// Prometheus metrics: off by default; `metrics: true` feeds collectors on a registry of your own.
import { createArtemisClient } from '@artemis/client';

/** The exposition text after a heartbeat and a lookup, for a `/metrics` endpoint. */
export async function metricsExample(
  serverUrls: readonly string[],
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<string> {
  const client = createArtemisClient({
    serverUrls,
    regionId,
    zoneId,
    heartbeatIntervalMs: 500,
    metrics: true,
    // Pass `registry: new Registry()` from prom-client to put them on yours; never the global one.
    metricsOptions: { prefix: 'shop_artemis_' },
  });

  try {
    const beat = new Promise<void>(resolve => {
      const stop = client.registry.events.on('heartbeat-acknowledged', () => {
        stop();
        resolve();
      });
    });
    await client.registry.register([
      {
        regionId,
        zoneId,
        serviceId: 'cart',
        instanceId: 'cart-1',
        ip: '127.0.0.1',
        port: 5001,
        url: 'http://127.0.0.1:5001',
        status: 'up',
      },
    ]);
    await client.discovery.getService('cart');
    await beat;

    // In an HTTP handler: send this text with the content type `client.metrics.contentType`.
    if (!client.metrics) throw new Error('metrics are on, so the client has collectors');
    return await client.metrics.metrics();
  } finally {
    await client.close();
  }
}
