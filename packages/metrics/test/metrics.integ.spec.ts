import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { createDiscoveryClient } from '@artemis/discovery';
import { ArtemisHttpClient } from '@artemis/http-retry';
import type { RegistrationInstance } from '@artemis/protocol';
import { createRegistryTransport, RegistryClient } from '@artemis/registry';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator, waitFor } from '@artemis/testing';

import { createArtemisMetrics } from '../src/index.js';

import { sample } from './scrape.js';

const INSTANCE: RegistrationInstance = {
  regionId: 'test',
  zoneId: 'test-z1',
  serviceId: 'demo.metrics',
  instanceId: 'node-1',
  ip: '127.0.0.1',
  port: 18_080,
  url: 'http://127.0.0.1:18080/app',
  status: 'up',
};

/** The SDK's components wired as the umbrella client wires them, against one server. */
function startComponents(serverUrl: string, flavor: 'java' | 'rust') {
  const config = new ConfigStore(
    {
      serverUrls: [serverUrl],
      regionId: 'test',
      zoneId: 'test-z1',
      heartbeatIntervalMs: 100,
      heartbeatTtlMs: 2_000,
      requestTimeoutMs: 2_000,
    },
    {},
  );
  const registryAddresses = new AddressManager({ side: 'registry', config });
  const discoveryAddresses = new AddressManager({ side: 'discovery', config });
  const registryHttp = new ArtemisHttpClient({
    side: 'registry',
    addresses: registryAddresses,
    config,
  });
  const discoveryHttp = new ArtemisHttpClient({
    side: 'discovery',
    addresses: discoveryAddresses,
    config,
  });
  const registry = new RegistryClient({
    transport: createRegistryTransport({
      config,
      http: registryHttp,
      flavor,
      addresses: registryAddresses,
    }),
    config,
    addresses: registryAddresses,
  });
  const discovery = createDiscoveryClient({
    config,
    http: discoveryHttp,
    addresses: discoveryAddresses,
    flavor,
    push: false,
  });

  const close = async (): Promise<void> => {
    await registry.close();
    await discovery.close();
    await Promise.all([registryHttp.close(), discoveryHttp.close()]);
    await Promise.all([registryAddresses.close(), discoveryAddresses.close()]);
    config.close();
  };
  return {
    registry,
    discovery,
    http: [registryHttp, discoveryHttp],
    addresses: [registryAddresses, discoveryAddresses],
    close,
  };
}

describe.each(['java', 'rust'] as const)('metrics after real traffic (%s)', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('scrapes the registrations, heartbeats, requests, discovery and addresses the traffic made', async () => {
    const components = startComponents(emulator.url, flavor);
    const metrics = createArtemisMetrics();
    try {
      metrics.attach(components);
      let acknowledged = 0;
      components.registry.events.on('heartbeat-acknowledged', () => (acknowledged += 1));

      await components.registry.register([INSTANCE]);
      await waitFor(() => acknowledged >= 2, 10_000);
      const service = await components.discovery.getService('demo.metrics');
      expect(service.instances.map(instance => instance.instanceId)).toEqual(['node-1']);

      const registry = metrics.registry;
      const scraped = async (series: string): Promise<number | undefined> =>
        sample(registry, `artemis_client_${series}`);

      expect(await scraped('registrations_total')).toBe(1);
      expect(await scraped('registered_instances')).toBe(1);
      expect(await scraped('heartbeats_total{result="acknowledged"}')).toBeGreaterThanOrEqual(2);
      expect(await scraped('heartbeat_latency_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(await scraped('heartbeat_event_loop_delay_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(await scraped('lease_losses_total')).toBe(0);
      expect(
        await scraped(
          'http_requests_total{side="registry",operation="register",outcome="success"}',
        ),
      ).toBe(1);
      expect(
        await scraped(
          'http_requests_total{side="registry",operation="heartbeat",outcome="success"}',
        ),
      ).toBeGreaterThanOrEqual(2);
      expect(
        await scraped(
          'http_requests_total{side="discovery",operation="get-service",outcome="success"}',
        ),
      ).toBe(1);
      expect(await scraped('discovery_refreshes_total{result="success"}')).toBe(1);
      expect(await scraped('discovery_latency_seconds_count')).toBe(1);
      expect(await scraped('discovery_cached_services')).toBe(1);
      expect(await scraped('discovery_cache_stale{service="demo.metrics"}')).toBe(0);
      expect(await scraped('discovery_cache_age_seconds{service="demo.metrics"}')).toBeLessThan(60);
      expect(await scraped('addresses_healthy{side="registry"}')).toBe(1);
      expect(await scraped('addresses_healthy{side="discovery"}')).toBe(1);
    } finally {
      metrics.close();
      await components.close();
    }
  });

  it('counts the failed attempt, its retry and the mark-down when the server fails', async () => {
    const components = startComponents(emulator.url, flavor);
    const metrics = createArtemisMetrics();
    try {
      metrics.attach(components);
      emulator.faults.failNext(1, 503);

      const service = await components.discovery.getService('demo.metrics');
      expect(service.instances).toEqual([]);

      const scraped = async (series: string): Promise<number | undefined> =>
        sample(metrics.registry, `artemis_client_${series}`);
      const getService = 'side="discovery",operation="get-service"';
      expect(await scraped(`http_requests_total{${getService},outcome="http-error"}`)).toBe(1);
      // R answers an unknown service with bad-request "Service not found", which the attempt
      // reports as rejected and discovery reads as no instances (PROTOCOL 3.4).
      const answered = flavor === 'java' ? 'success' : 'rejected';
      expect(await scraped(`http_requests_total{${getService},outcome="${answered}"}`)).toBe(1);
      expect(await scraped(`http_retries_total{${getService}}`)).toBe(1);
      expect(await scraped('address_mark_downs_total{side="discovery"}')).toBe(1);
    } finally {
      metrics.close();
      await components.close();
    }
  });
});
