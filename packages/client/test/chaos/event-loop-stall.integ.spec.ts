import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster, waitFor } from '@artemis/testing';

import type { RegistryEvents } from '../../src/index';
import { CHAOS_OPTIONS, LONG_WAIT_MS, startFleet } from './fleet';
import type { Fleet } from './fleet';
import { watchUnhandledRejections } from './unhandled-rejections';
import type { RejectionWatch } from './unhandled-rejections';

/** Longer than the heartbeat interval and the client's heartbeat TTL, far below the lease TTL. */
const STALL_MS = 2 * CHAOS_OPTIONS.heartbeatTtlMs!;

describe.each(['java', 'rust'] as const)('the event loop blocked, on a %s server', flavor => {
  let cluster: ArtemisCluster;
  let fleet: Fleet;
  let rejections: RejectionWatch;

  beforeEach(async () => {
    rejections = watchUnhandledRejections();
    cluster = await startArtemisCluster({
      flavor,
      size: 2,
      leaseTtlMs: 10_000,
      cleanIntervalMs: 50,
      sweepIntervalMs: 50,
    });
    fleet = startFleet({
      flavor,
      serverUrls: cluster.urls,
      store: cluster.store,
      clients: 2,
      clientOptions: index =>
        flavor === 'java' && index === 1 ? { heartbeatTransport: 'websocket' } : {},
    });
    await fleet.registerAndWatch();
  });

  afterEach(async () => {
    await fleet.close();
    await cluster.close();
    rejections.dispose();
  });

  it('recovers from a stall longer than the heartbeat TTL and reports it in the next beats', async () => {
    const acknowledged = fleet.clients.map(() => [] as RegistryEvents['heartbeat-acknowledged'][]);
    fleet.clients.forEach((client, index) =>
      client.registry.events.on('heartbeat-acknowledged', event =>
        acknowledged[index]!.push(event),
      ),
    );
    fleet.startChurn();
    await fleet.progress();

    blockEventLoop(STALL_MS);

    // Each client reports the stall in a beat: as loop delay, or as a late timer.
    await waitFor(
      () =>
        acknowledged.every(events =>
          events.some(e => Math.max(e.eventLoopDelayMs, e.timerDriftMs) >= STALL_MS / 2),
        ),
      LONG_WAIT_MS,
    );
    await fleet.progress();
    await fleet.stopChurn();
    await fleet.settle(cluster.store);

    expect(fleet.churnFailures).toEqual([]);
    expect(fleet.droppedLeases).toEqual([]);
    expect(fleet.leasesLostOnServer).toEqual([]);
    expect(fleet.discoveryGaps).toEqual([]);
    expect(rejections.reasons).toEqual([]);
  });
});

/** Keeps the thread busy, as a long synchronous computation in an application would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Spin: nothing else may run, not even the emulator in this same process.
  }
}
