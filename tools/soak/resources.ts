import { setFlagsFromString } from 'node:v8';
import { runInNewContext, runInThisContext } from 'node:vm';

/** What a long-running client holds, sampled between workload rounds. */
export interface ResourceSample {
  /** Heap in use right after a full garbage collection, in bytes. */
  heapUsedBytes: number;
  /** Exact counts: libuv handles by type, listeners, watchers, open connections. */
  counts: Record<string, number>;
}

/** Counts the caller adds to a sample: the client's watchers, a proxy's connections, … */
export type ExtraCounts = () => Record<string, number>;

/** Growth of a sample over a baseline that counts as a leak. */
export interface LeakBounds {
  /** Heap growth allowed, in bytes: code warming up and caches filling are not leaks. */
  heapSlackBytes: number;
  /** Growth allowed per count, for handles that come and go with traffic (sockets, timers). */
  countSlack?: Record<string, number>;
}

// The real process, not the copy a Jest sandbox hands out: only the real one knows its handles
// and the listeners Node itself reports to.
const realProcess = runInThisContext('process') as NodeJS.Process;

/**
 * A full garbage collection, without `--expose-gc`: the flag is switched on at run time and the
 * `gc` function taken from a fresh context, where V8 installs it.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

export function sampleResources(extra: ExtraCounts = () => ({})): ResourceSample {
  collectGarbage();
  const counts: Record<string, number> = {};
  for (const type of realProcess.getActiveResourcesInfo()) {
    counts[`handle:${type}`] = (counts[`handle:${type}`] ?? 0) + 1;
  }
  counts['listeners:process'] = processListeners(realProcess);
  if (process !== realProcess) counts['listeners:sandbox-process'] = processListeners(process);
  Object.assign(counts, extra());
  return { heapUsedBytes: realProcess.memoryUsage().heapUsed, counts };
}

/** What grew beyond its bound between `before` and `after`, one line each; empty when flat. */
export function leaksBetween(
  before: ResourceSample,
  after: ResourceSample,
  bounds: LeakBounds,
): string[] {
  const leaks: string[] = [];
  const heapGrowth = after.heapUsedBytes - before.heapUsedBytes;
  if (heapGrowth > bounds.heapSlackBytes) {
    leaks.push(`heap grew by ${mib(heapGrowth)} (allowed ${mib(bounds.heapSlackBytes)})`);
  }
  for (const [name, count] of Object.entries(after.counts)) {
    const allowed = (before.counts[name] ?? 0) + (bounds.countSlack?.[name] ?? 0);
    if (count > allowed) leaks.push(`${name}: ${before.counts[name] ?? 0} -> ${count}`);
  }
  return leaks;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function processListeners(target: NodeJS.Process): number {
  return target.eventNames().reduce((sum, name) => sum + target.listenerCount(name), 0);
}
