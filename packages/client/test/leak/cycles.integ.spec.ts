import { waitFor } from '@artemis/testing';

import { watchUnhandledRejections } from '../chaos/unhandled-rejections';
import { leaksBetween, sampleResources } from './resources';
import type { LeakBounds, ResourceSample } from './resources';
import { rigCounts, runRound, startLeakRig } from './workload';
import type { LeakRig, RoundSize } from './workload';

const WARM_UP: RoundSize = { subscribe: 200, register: 50, reconnect: 1 };
const ROUND: RoundSize = { subscribe: 3_000, register: 1_000, reconnect: 3 };

/**
 * Counts must come back exactly; the heap may grow a little as code warms up, far less than a
 * leak of a listener, a closure or a socket per cycle over thousands of cycles would make it.
 */
const BOUNDS: LeakBounds = { heapSlackBytes: 8 * 1024 * 1024 };

describe.each(['java', 'rust'] as const)('a %s client through thousands of cycles', flavor => {
  let rig: LeakRig;

  afterEach(async () => {
    await rig?.close();
  });

  it('holds no more heap, handles, listeners, watchers or connections than before', async () => {
    const rejections = watchUnhandledRejections();
    try {
      rig = await startLeakRig(flavor);
      await runRound(rig, WARM_UP);
      const before = sampleResources(rigCounts(rig));

      await runRound(rig, ROUND);

      // Sockets and timers close a moment after the work that used them; wait for that.
      let after: ResourceSample = before;
      await waitFor(() => {
        after = sampleResources(rigCounts(rig));
        return leaksBetween(before, after, BOUNDS).length === 0;
      }, 10_000).catch(() => undefined);
      expect(leaksBetween(before, after, BOUNDS)).toEqual([]);
      expect(rejections.reasons).toEqual([]);
    } finally {
      rejections.dispose();
    }
  });
});
