// `npm run soak`: the client's leak workload (subscribe, register and reconnect cycles) against
// emulators of both server lines at once, for minutes. It samples heap, handles, listeners and
// connections as it goes, prints them, and exits with 1 when anything grew or a promise
// rejection went unhandled. SOAK_MINUTES (default 3) and SOAK_SAMPLE_SECONDS (default 15) tune it.
import { waitFor, watchUnhandledRejections } from '@artemis/testing';

import { leaksBetween, mib, sampleResources } from './resources';
import type { LeakBounds, ResourceSample } from './resources';
import { rigCounts, runRound, startLeakRig } from './workload';
import type { LeakRig, RoundSize } from './workload';

/** Warming up fills caches and compiles code; only growth after it counts. */
const WARM_UP: RoundSize = { subscribe: 500, register: 100, reconnect: 1 };
const ROUND: RoundSize = { subscribe: 2_000, register: 300, reconnect: 0 };

/**
 * The server drops every WebSocket at most this often. Reconnects in quick succession are backed
 * off more and more, by design; spaced out, each one is a plain reconnect.
 */
const RECONNECT_EVERY_MS = 8_000;

/** The heap may move a little over minutes; a leak per cycle over a soak's cycles moves it far more. */
const BOUNDS: LeakBounds = { heapSlackBytes: 16 * 1024 * 1024 };

interface Totals {
  rounds: number;
  subscribe: number;
  register: number;
  reconnect: number;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

function countsOf(rigs: readonly LeakRig[]): () => Record<string, number> {
  return () => {
    const counts: Record<string, number> = {};
    for (const rig of rigs) {
      for (const [name, value] of Object.entries(rigCounts(rig)())) {
        counts[`${rig.flavor}:${name}`] = value;
      }
    }
    return counts;
  };
}

function printSample(elapsedMs: number, sample: ResourceSample, totals: Totals): void {
  const handles = Object.entries(sample.counts)
    .filter(([name]) => name.startsWith('handle:'))
    .reduce((sum, [, count]) => sum + count, 0);
  const sockets = sample.counts['handle:TCPSocketWrap'] ?? 0;
  const timers = sample.counts['handle:Timeout'] ?? 0;
  const listeners = sample.counts['listeners:process'] ?? 0;
  const watchers =
    (sample.counts['java:discovery:watchers'] ?? 0) +
    (sample.counts['rust:discovery:watchers'] ?? 0);
  const connections =
    (sample.counts['java:proxy:connections'] ?? 0) + (sample.counts['rust:proxy:connections'] ?? 0);
  console.log(
    [
      `${(elapsedMs / 1000).toFixed(0).padStart(5)} s`,
      `heap ${mib(sample.heapUsedBytes).padStart(9)}`,
      `handles ${String(handles).padStart(3)} (sockets ${sockets}, timers ${timers})`,
      `process listeners ${listeners}`,
      `watchers ${watchers}`,
      `connections ${connections}`,
      `cycles: ${totals.subscribe} subscribe, ${totals.register} register, ${totals.reconnect} reconnect`,
    ].join(' | '),
  );
}

async function main(): Promise<number> {
  const minutes = positiveNumber('SOAK_MINUTES', 3);
  const sampleEveryMs = positiveNumber('SOAK_SAMPLE_SECONDS', 15) * 1000;
  const rejections = watchUnhandledRejections();
  const rigs = [await startLeakRig('java'), await startLeakRig('rust')];
  const counts = countsOf(rigs);
  const totals: Totals = { rounds: 0, subscribe: 0, register: 0, reconnect: 0 };

  try {
    console.log(`Soak: ${minutes} min against a Java and a Rust emulator at once.`);
    await Promise.all(rigs.map(rig => runRound(rig, WARM_UP)));
    const startedAt = Date.now();
    const baseline = sampleResources(counts);
    printSample(0, baseline, totals);

    // The first round reconnects, so even a short run has reconnected once after warming up.
    let lastReconnectAt = 0;
    let nextSampleAt = startedAt + sampleEveryMs;
    let peakHeap = baseline.heapUsedBytes;
    while (Date.now() - startedAt < minutes * 60_000) {
      const reconnect = Date.now() - lastReconnectAt >= RECONNECT_EVERY_MS ? 1 : 0;
      if (reconnect) lastReconnectAt = Date.now();
      const round = { ...ROUND, reconnect };
      await Promise.all(rigs.map(rig => runRound(rig, round)));

      totals.rounds += 1;
      totals.subscribe += round.subscribe * rigs.length;
      totals.register += round.register * rigs.length;
      totals.reconnect += round.reconnect * rigs.length;
      if (Date.now() >= nextSampleAt) {
        const sample = sampleResources(counts);
        peakHeap = Math.max(peakHeap, sample.heapUsedBytes);
        printSample(Date.now() - startedAt, sample, totals);
        nextSampleAt += sampleEveryMs;
      }
    }

    // Connections and timers close a moment after the work that used them.
    let final = sampleResources(counts);
    await waitFor(() => {
      final = sampleResources(counts);
      return leaksBetween(baseline, final, BOUNDS).length === 0;
    }, 15_000).catch(() => undefined);
    printSample(Date.now() - startedAt, final, totals);

    const leaks = leaksBetween(baseline, final, BOUNDS);
    console.log(
      `\n${totals.rounds} rounds; heap ${mib(baseline.heapUsedBytes)} at the start, ` +
        `${mib(final.heapUsedBytes)} at the end, ${mib(peakHeap)} at most.`,
    );
    if (rejections.reasons.length > 0) {
      console.log(`FAIL: ${rejections.reasons.length} unhandled rejection(s):`, rejections.reasons);
      return 1;
    }
    if (leaks.length > 0) {
      console.log(`FAIL: grew over the soak:\n  ${leaks.join('\n  ')}`);
      return 1;
    }
    console.log('OK: heap, handles, listeners, watchers and connections stayed flat.');
    return 0;
  } finally {
    await Promise.all(rigs.map(rig => rig.close()));
    rejections.dispose();
  }
}

main().then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Soak failed to run:', error);
    process.exitCode = 1;
  },
);
