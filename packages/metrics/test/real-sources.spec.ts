import type { AddressManager } from '@artemis/address';
import type { DiscoveryClient } from '@artemis/discovery';
import type { ArtemisHttpClient } from '@artemis/http-retry';
import type { RegistryClient } from '@artemis/registry';
import type {
  JavaHeartbeatSocket,
  JavaInstanceChangeSocket,
  ManagedSocket,
  RustChangeSocket,
} from '@artemis/websocket';

import type {
  AddressMetricsSource,
  DiscoveryMetricsSource,
  HttpMetricsSource,
  MetricsSources,
  RegistryMetricsSource,
  SocketMetricsSource,
} from '../src/index.js';

/**
 * Compiles only when `Actual` can be passed where `Source` is expected. The metrics package
 * describes its sources structurally so it never imports the packages that emit the events;
 * these checks keep those descriptions true to the real classes.
 */
type Fits<Source, Actual extends Source> = Actual;

type Checks = [
  Fits<RegistryMetricsSource, RegistryClient>,
  Fits<DiscoveryMetricsSource, DiscoveryClient>,
  Fits<HttpMetricsSource, ArtemisHttpClient>,
  Fits<AddressMetricsSource, AddressManager>,
  Fits<SocketMetricsSource, ManagedSocket>,
  Fits<SocketMetricsSource, JavaHeartbeatSocket>,
  Fits<SocketMetricsSource, JavaInstanceChangeSocket>,
  Fits<SocketMetricsSource, RustChangeSocket>,
];

describe('the source types', () => {
  it('accept the real components of the SDK, as the umbrella client passes them', () => {
    // The checks above are the test; this one makes sure the file compiles into a suite that runs.
    const passesRealComponents = (
      registry: RegistryClient,
      discovery: DiscoveryClient,
      http: ArtemisHttpClient,
      addresses: AddressManager,
      socket: ManagedSocket,
    ): MetricsSources => ({
      registry,
      discovery,
      http: [http],
      addresses: [addresses],
      sockets: [socket, { side: 'registry', socket }],
    });
    const checks: Checks | undefined = undefined;

    expect(typeof passesRealComponents).toBe('function');
    expect(checks).toBeUndefined();
  });
});
