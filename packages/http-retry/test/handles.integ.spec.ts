import { startArtemisCluster, waitFor } from '@artemis/testing';

import { clientFor, failureOf, register } from './fixtures';

/** Open TCP connections of this process, both ends of loopback connections included. */
function openConnections(): number {
  return process.getActiveResourcesInfo().filter(kind => kind === 'TCPSocketWrap').length;
}

describe.each(['java', 'rust'] as const)('closing (%s)', flavor => {
  it('closes every connection of the client and the address manager', async () => {
    const cluster = await startArtemisCluster({ flavor, size: 2 });
    try {
      const before = openConnections();
      const { http, addresses, close } = clientFor(cluster.urls);

      // Keep-alive connections to both nodes, and one of the address refresher.
      await register(http);
      cluster.nodes[0]!.faults.failNext(1, 503);
      await register(http);
      await addresses.refresh();
      expect(openConnections()).toBeGreaterThan(before);

      await close();
      // The servers stay up, so only the client closing its side brings the count back. The
      // wait stays under the 4 s after which idle keep-alive connections would close anyway.
      // At most: sockets of an earlier test may still have been closing when `before` was taken.
      await waitFor(() => openConnections() <= before, 3_000);
      expect(openConnections()).toBeLessThanOrEqual(before);
      await expect(failureOf(register(http))).resolves.toMatchObject({
        code: 'ARTEMIS_CLIENT_CLOSED',
      });
    } finally {
      await cluster.close();
    }
  });
});
