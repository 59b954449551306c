import type { UpNodesOutcome } from './up-nodes-fetcher.js';

/** What a refresh did to the list. */
export type RefreshResult =
  | { kind: 'updated'; urls: string[] }
  | { kind: 'kept'; reason: 'empty' }
  | { kind: 'fallback' }
  | { kind: 'failed'; error: unknown };

/**
 * Asks each candidate in turn until one answers. The first non-empty node list wins; an empty
 * one keeps the list (a cluster that sees no nodes is not a reason to forget them); a 404 means
 * the server has no such API and the seeds are the list; when every candidate fails, the list is
 * kept and the last error reported.
 */
export async function refreshAddresses(
  candidates: readonly string[],
  fetchFrom: (url: string) => Promise<UpNodesOutcome>,
): Promise<RefreshResult> {
  let lastError: unknown = new Error('no address to refresh from');

  for (const url of candidates) {
    const outcome = await fetchFrom(url);
    if (outcome.kind === 'nodes') {
      return outcome.urls.length > 0
        ? { kind: 'updated', urls: outcome.urls }
        : { kind: 'kept', reason: 'empty' };
    }
    if (outcome.kind === 'absent') return { kind: 'fallback' };
    lastError = outcome.error;
  }
  return { kind: 'failed', error: lastError };
}
