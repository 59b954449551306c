import type { ServiceEntry } from './service-entry.js';
import type { DiscoveryTimings } from './types.js';

/** When each kind of refresh is due next, in epoch ms. */
export interface RefreshClock {
  /** Next fetch of every service, used only while the server cannot push. */
  nextPollAt: number;
  /** Next fetch of failed, empty and expired services. */
  nextReloadAt: number;
}

/**
 * Picks the services to fetch at `now` and moves the due clocks on. While the server cannot
 * push, everything is polled on `discoveryPollIntervalMs`. Failed and empty services, and those
 * older than `discoveryCacheTtlMs`, are fetched again on `discoveryReloadIntervalMs`.
 */
export function planRefresh(
  entries: Iterable<ServiceEntry>,
  clock: RefreshClock,
  timings: DiscoveryTimings,
  canPush: boolean,
  now: number,
): ServiceEntry[] {
  // The poll clock runs even while pushes work, so that polling starts on time if they stop.
  const pollDue = now >= clock.nextPollAt;
  const pollAll = pollDue && !canPush;
  const reload = now >= clock.nextReloadAt;
  if (pollDue) clock.nextPollAt = now + timings.discoveryPollIntervalMs;
  if (reload) clock.nextReloadAt = now + timings.discoveryReloadIntervalMs;
  if (!pollAll && !reload) return [];

  const due: ServiceEntry[] = [];
  for (const entry of entries) {
    if (entry.inFlight) continue;

    const expired = now - entry.lastSuccessAt >= timings.discoveryCacheTtlMs;
    const needsReload = entry.failed || entry.records.size === 0 || expired;
    if (pollAll || needsReload) due.push(entry);
  }
  return due;
}

/** Milliseconds until the next refresh may be due. */
export function delayUntilDue(clock: RefreshClock, now: number): number {
  return Math.max(0, Math.min(clock.nextPollAt, clock.nextReloadAt) - now);
}
