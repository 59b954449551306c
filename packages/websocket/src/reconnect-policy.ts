import type { ExponentialBackoff } from '@artemis/address';

import type { SessionEnd } from './socket-session.js';

/** Close codes that mean "the server is restarting or overloaded: try again later". */
const TRY_AGAIN_LATER_CODES: ReadonlySet<number> = new Set([1012, 1013]);

/** True when a close code asks the client to come back later (1012 restart, 1013 try later). */
export function isTryAgainLater(code: number): boolean {
  return TRY_AGAIN_LATER_CODES.has(code);
}

/**
 * True when the end of a session says something is wrong with its server, so the address is
 * marked down and the next connect goes elsewhere. A normal close by the server (1000, the Java
 * server's session cut) and our own closes are not.
 */
export function isSocketDeath(end: SessionEnd): boolean {
  if (end.reason === 'closed-by-client' || end.reason === 'rotated') return false;
  return !(end.reason === 'closed-by-server' && end.code === 1000);
}

/** The wait before the next connect, in ms: jittered backoff, longer after "try again later". */
export function reconnectDelay(
  backoff: ExponentialBackoff,
  failures: number,
  previous: SessionEnd | 'connect-failed',
  retryLaterDelayMs: number,
): number {
  const delayMs = backoff.delayFor(failures);
  if (previous !== 'connect-failed' && isTryAgainLater(previous.code)) {
    return retryLaterDelayMs + delayMs;
  }
  return delayMs;
}

/** A short reason for logs and the 'reconnect' event. */
export function describeEnd(previous: SessionEnd | 'connect-failed'): string {
  if (previous === 'connect-failed') return 'connect-failed';
  if (isTryAgainLater(previous.code)) return `try-again-later (${previous.code})`;
  return `${previous.reason} (${previous.code})`;
}
