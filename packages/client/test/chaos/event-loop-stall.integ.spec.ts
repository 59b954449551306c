import { waitFor } from '@artemis/testing';

import type { RegistryEvents } from '../../src/index';
import { CHAOS_OPTIONS, LONG_WAIT_MS } from './fleet';
import { expectNothingLost, useChaosScenario } from './scenario';

/** Longer than the heartbeat interval and the client's heartbeat TTL, far below the lease TTL. */
const STALL_MS = 2 * CHAOS_OPTIONS.heartbeatTtlMs!;

describe.each(['java', 'rust'] as const)('the event loop blocked, on a %s server', flavor => {
  const scenario = useChaosScenario({
    flavor,
    size: 2,
    leaseTtlMs: 10_000,
    clients: 2,
    socketClient: 1,
  });

  it('recovers from a stall longer than the heartbeat TTL and reports it in the next beats', async () => {
    const acknowledged = scenario.fleet.clients.map(
      () => [] as RegistryEvents['heartbeat-acknowledged'][],
    );
    scenario.fleet.clients.forEach((client, index) =>
      client.registry.events.on('heartbeat-acknowledged', event =>
        acknowledged[index]!.push(event),
      ),
    );
    scenario.fleet.startChurn();
    await scenario.fleet.progress();

    blockEventLoop(STALL_MS);

    // Each client reports the stall in a beat: as loop delay, or as a late timer.
    await waitFor(
      () =>
        acknowledged.every(events =>
          events.some(e => Math.max(e.eventLoopDelayMs, e.timerDriftMs) >= STALL_MS / 2),
        ),
      LONG_WAIT_MS,
    );
    await scenario.fleet.progress();
    await expectNothingLost(scenario);
  });
});

/** Keeps the thread busy, as a long synchronous computation in an application would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Spin: nothing else may run, not even the emulator in this same process.
  }
}
