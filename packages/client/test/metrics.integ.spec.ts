import { Registry } from 'prom-client';
import { waitFor } from '@artemis/testing';

import { instanceOf, startRig } from './rig';
import type { Rig } from './rig';

/** The value of one series in a Prometheus text scrape, or undefined when absent. */
function sampleOf(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    if (!wanted.every(pair => rest.includes(pair))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(['java', 'rust'] as const)('metrics of a client on the %s server', flavor => {
  let rig: Rig;

  afterEach(async () => {
    await rig?.close();
  });

  it('are off unless asked for', async () => {
    rig = await startRig(flavor);
    expect(rig.client.metrics).toBeUndefined();
  });

  it('count real traffic on the registry the caller passes', async () => {
    const registry = new Registry();
    rig = await startRig(flavor, { metrics: true, metricsOptions: { registry, prefix: 'app_' } });
    const beats: number[] = [];
    rig.client.registry.events.on('heartbeat-acknowledged', ({ count }) => beats.push(count));

    await rig.client.registry.register([instanceOf('scraped', 1), instanceOf('scraped', 2)]);
    await rig.client.discovery.getService('scraped');
    await waitFor(() => beats.length >= 2);

    expect(rig.client.metrics?.registry).toBe(registry);
    const text = await registry.metrics();
    expect(sampleOf(text, 'app_registrations_total')).toBe(1);
    expect(sampleOf(text, 'app_registered_instances')).toBe(2);
    expect(sampleOf(text, 'app_heartbeat_latency_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(
      sampleOf(text, 'app_http_requests_total', { operation: 'register', outcome: 'success' }),
    ).toBe(1);
    expect(sampleOf(text, 'app_discovery_cached_services')).toBe(1);
    expect(sampleOf(text, 'app_discovery_cache_instances', { service: 'scraped' })).toBe(2);
    expect(text).not.toMatch(/^artemis_client_/m);
  });

  it('count the statuses a health check changed', async () => {
    let status: 'up' | 'down' = 'up';
    rig = await startRig(flavor, { metrics: true, healthCheck: () => status });
    await rig.client.registry.register([instanceOf('checked', 1)]);

    status = 'down';
    await waitFor(() => rig.emulator.instances('checked')[0]?.status === 'down');
    status = 'up';
    await waitFor(() => rig.emulator.instances('checked')[0]?.status === 'up');

    // The server stores the status before the client has read its reply.
    const reRegistered = async () =>
      sampleOf(await rig.client.metrics!.metrics(), 'artemis_client_re_registrations_total', {
        reason: 'status-changed',
      });
    await waitFor(async () => (await reRegistered()) === 2);

    const text = await rig.client.metrics!.metrics();
    expect(sampleOf(text, 'artemis_client_status_changes_total', { status: 'down' })).toBe(1);
    expect(sampleOf(text, 'artemis_client_status_changes_total', { status: 'up' })).toBe(1);
    expect(sampleOf(text, 'artemis_client_health_check_failures_total')).toBe(0);
  });

  it('follow the WebSocket the discovery side opens for pushes', async () => {
    rig = await startRig(flavor, { metrics: true });
    const watching = rig.client.discovery.watch('pushed').subscribe();

    try {
      await waitFor(async () => {
        const text = await rig.client.metrics!.metrics();
        return (
          sampleOf(text, 'artemis_client_websocket_connections', {
            side: 'discovery',
            state: 'open',
          }) === 1
        );
      });
    } finally {
      watching.unsubscribe();
    }
  });
});
