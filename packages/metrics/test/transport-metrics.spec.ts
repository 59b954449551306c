import { Registry } from 'prom-client';

import { createArtemisMetrics } from '../src/index.js';

import {
  FakeAddressManager,
  FakeHttpClient,
  FakeManagedSocket,
  FakeSocket,
} from './fake-sources.js';
import { sample, seriesOf } from './scrape.js';

describe('transport metrics', () => {
  let registry: Registry;

  beforeEach(() => {
    registry = new Registry();
  });

  describe('HTTP', () => {
    it('counts attempts by side, operation and outcome, with their durations', async () => {
      const registryHttp = new FakeHttpClient();
      const discoveryHttp = new FakeHttpClient();
      createArtemisMetrics({ registry }).attach({ http: [registryHttp, discoveryHttp] });
      const url = 'http://127.0.0.1:1/artemis';

      registryHttp.events.emit('request', {
        side: 'registry',
        operation: 'register',
        url,
        outcome: 'success',
        durationMs: 20,
        attempt: 1,
      });
      registryHttp.events.emit('request', {
        side: 'registry',
        operation: 'register',
        url,
        outcome: 'timeout',
        durationMs: 5000,
        attempt: 1,
      });
      registryHttp.events.emit('request', {
        side: 'registry',
        operation: 'register',
        url,
        outcome: 'success',
        durationMs: 40,
        attempt: 2,
      });
      discoveryHttp.events.emit('request', {
        side: 'discovery',
        operation: 'get-service',
        url,
        outcome: 'rejected',
        durationMs: 8,
        attempt: 1,
      });

      const requests = 'artemis_client_http_requests_total';
      expect(
        await sample(
          registry,
          `${requests}{side="registry",operation="register",outcome="success"}`,
        ),
      ).toBe(2);
      expect(
        await sample(
          registry,
          `${requests}{side="registry",operation="register",outcome="timeout"}`,
        ),
      ).toBe(1);
      expect(
        await sample(
          registry,
          `${requests}{side="discovery",operation="get-service",outcome="rejected"}`,
        ),
      ).toBe(1);

      const duration = 'artemis_client_http_request_duration_seconds';
      expect(
        await sample(registry, `${duration}_count{side="registry",operation="register"}`),
      ).toBe(3);
      expect(
        await sample(registry, `${duration}_sum{side="registry",operation="register"}`),
      ).toBeCloseTo(5.06);
      expect(
        await sample(
          registry,
          `${duration}_bucket{le="0.025",side="registry",operation="register"}`,
        ),
      ).toBe(1);
      expect(
        await sample(
          registry,
          `${duration}_bucket{le="0.01",side="discovery",operation="get-service"}`,
        ),
      ).toBe(1);
    });

    it('labels an unknown operation, outcome or side as other', async () => {
      const http = new FakeHttpClient();
      createArtemisMetrics({ registry }).attach({ http: [http] });

      http.events.emit('request', {
        side: 'nowhere' as 'registry',
        operation: '/api/users/12345',
        url: 'http://127.0.0.1:1',
        outcome: 'exploded' as 'success',
        durationMs: 1,
        attempt: 1,
      });

      expect(await seriesOf(registry, 'artemis_client_http_requests_total')).toEqual([
        'artemis_client_http_requests_total{side="other",operation="other",outcome="other"} 1',
      ]);
    });

    it('knows every operation and outcome the SDK reports', async () => {
      const http = new FakeHttpClient();
      createArtemisMetrics({ registry }).attach({ http: [http] });
      const operations = ['get-service', 'lookup', 'detect-flavor', 'heartbeat'];

      for (const operation of operations) {
        http.events.emit('request', {
          side: 'discovery',
          operation,
          url: 'http://127.0.0.1:1',
          outcome: 'tls-error' as 'success',
          durationMs: 1,
          attempt: 1,
        });
      }

      expect(await seriesOf(registry, 'artemis_client_http_requests_total')).toEqual(
        operations.map(
          operation =>
            `artemis_client_http_requests_total{side="discovery",operation="${operation}",outcome="tls-error"} 1`,
        ),
      );
    });

    it('counts retries by side and operation', async () => {
      const http = new FakeHttpClient();
      createArtemisMetrics({ registry }).attach({ http: [http] });

      for (const attempt of [1, 2, 3]) {
        http.events.emit('retry', {
          side: 'registry',
          operation: 'heartbeat',
          attempt,
          delayMs: 100,
          reason: 'timeout',
        });
      }

      expect(
        await sample(
          registry,
          'artemis_client_http_retries_total{side="registry",operation="heartbeat"}',
        ),
      ).toBe(3);
    });
  });

  describe('addresses', () => {
    it('counts mark-downs and list changes and reads the healthy addresses at scrape time', async () => {
      const registrySide = new FakeAddressManager('registry');
      const discoverySide = new FakeAddressManager('discovery');
      createArtemisMetrics({ registry }).attach({ addresses: [registrySide, discoverySide] });
      registrySide.states = [
        { url: 'http://a', healthy: true, source: 'seed' },
        { url: 'http://b', healthy: false, source: 'seed' },
        { url: 'http://c', healthy: true, source: 'cluster' },
      ];
      discoverySide.states = [{ url: 'http://a', healthy: true, source: 'seed' }];

      registrySide.events.emit('address-down', {
        side: 'registry',
        url: 'http://b',
        reason: 'timeout',
      });
      registrySide.events.emit('address-down', {
        side: 'registry',
        url: 'http://b',
        reason: 'timeout',
      });
      discoverySide.events.emit('list-changed', {
        side: 'discovery',
        urls: ['http://a'],
        previous: [],
      });

      expect(
        await sample(registry, 'artemis_client_address_mark_downs_total{side="registry"}'),
      ).toBe(2);
      expect(
        await sample(registry, 'artemis_client_address_list_changes_total{side="discovery"}'),
      ).toBe(1);
      expect(await sample(registry, 'artemis_client_addresses_healthy{side="registry"}')).toBe(2);
      expect(await sample(registry, 'artemis_client_addresses_healthy{side="discovery"}')).toBe(1);

      registrySide.states[1] = { url: 'http://b', healthy: true, source: 'seed' };
      expect(await sample(registry, 'artemis_client_addresses_healthy{side="registry"}')).toBe(3);
    });
  });

  describe('WebSocket', () => {
    it('shows each socket in its current state and counts reconnects and frame errors', async () => {
      const heartbeat = new FakeSocket();
      const changes = new FakeSocket();
      createArtemisMetrics({ registry }).attach({ sockets: [heartbeat, changes] });

      heartbeat.events.emit('state', { side: 'registry', state: 'connecting' });
      heartbeat.events.emit('state', { side: 'registry', state: 'open' });
      changes.events.emit('state', { side: 'discovery', state: 'closed' });
      changes.events.emit('reconnect', {
        side: 'discovery',
        attempt: 1,
        delayMs: 250,
        reason: 'ping',
      });
      changes.events.emit('frame-error', { side: 'discovery', error: new Error('not JSON') });
      changes.events.emit('frame-error', { side: 'discovery', error: new Error('not JSON') });

      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([
        'artemis_client_websocket_connections{side="registry",state="open"} 1',
        'artemis_client_websocket_connections{side="discovery",state="closed"} 1',
      ]);
      expect(
        await sample(registry, 'artemis_client_websocket_reconnects_total{side="discovery"}'),
      ).toBe(1);
      expect(
        await sample(registry, 'artemis_client_websocket_frame_errors_total{side="discovery"}'),
      ).toBe(2);

      changes.events.emit('state', { side: 'discovery', state: 'open' });
      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([
        'artemis_client_websocket_connections{side="registry",state="open"} 1',
        'artemis_client_websocket_connections{side="discovery",state="open"} 1',
      ]);
    });

    it('reads the live state of a socket attached while already open, with the side it is given', async () => {
      const socket = new FakeManagedSocket();
      socket.state = 'open';
      createArtemisMetrics({ registry }).attach({ sockets: [{ side: 'registry', socket }] });

      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([
        'artemis_client_websocket_connections{side="registry",state="open"} 1',
      ]);

      socket.state = 'connecting';
      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([
        'artemis_client_websocket_connections{side="registry",state="connecting"} 1',
      ]);
    });

    it('counts the frames a socket receives, until it is detached', async () => {
      const socket = new FakeManagedSocket();
      const detach = createArtemisMetrics({ registry }).attach({
        sockets: [{ side: 'discovery', socket }],
      });

      socket.messages$.push('{"type":"pong"}');
      socket.messages$.push('{"type":"pong"}');
      expect(
        await sample(registry, 'artemis_client_websocket_frames_received_total{side="discovery"}'),
      ).toBe(2);

      detach();
      expect(socket.messages$.subscriberCount).toBe(0);
      socket.messages$.push('{"type":"pong"}');
      expect(
        await sample(registry, 'artemis_client_websocket_frames_received_total{side="discovery"}'),
      ).toBe(2);
    });

    it('adds up sockets of one side in the same state', async () => {
      const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
      createArtemisMetrics({ registry }).attach({ sockets });

      for (const socket of sockets)
        socket.events.emit('state', { side: 'discovery', state: 'open' });

      expect(await seriesOf(registry, 'artemis_client_websocket_connections')).toEqual([
        'artemis_client_websocket_connections{side="discovery",state="open"} 3',
      ]);
    });
  });
});
