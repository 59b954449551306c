import type { RegistrationInstance } from '@artemis/protocol';

import type { HeartbeatOutcome, RegisterOutcome } from '../registry-transport.js';

type ChunkHeartbeat = Omit<HeartbeatOutcome, 'errors' | 'requests'>;

/**
 * Merges the chunks of one heartbeat batch. Throws the first error when no chunk got an answer;
 * otherwise the errors of failed chunks travel in `errors`.
 */
export function mergeHeartbeats(
  results: ReadonlyArray<PromiseSettledResult<ChunkHeartbeat>>,
): HeartbeatOutcome {
  const merged: HeartbeatOutcome = {
    acknowledged: [],
    lost: [],
    refused: [],
    errors: [],
    requests: results.length,
  };
  let answered = false;

  for (const result of results) {
    if (result.status === 'rejected') {
      merged.errors.push(result.reason);
      continue;
    }
    answered = true;
    merged.acknowledged.push(...result.value.acknowledged);
    merged.lost.push(...result.value.lost);
    merged.refused.push(...result.value.refused);
    if (result.value.url !== undefined) merged.url = result.value.url;
  }

  if (!answered && merged.errors.length > 0) throw merged.errors[0];
  return merged;
}

/**
 * Merges the chunks of one register call. Throws the first error when no chunk got an answer;
 * otherwise the instances of a failed chunk are reported failed with that chunk's error.
 */
export function mergeRegistrations(
  chunks: ReadonlyArray<readonly RegistrationInstance[]>,
  results: ReadonlyArray<PromiseSettledResult<RegisterOutcome>>,
): RegisterOutcome {
  const merged: RegisterOutcome = { accepted: [], failed: [] };
  const errors: unknown[] = [];

  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      merged.accepted.push(...result.value.accepted);
      merged.failed.push(...result.value.failed);
      return;
    }
    errors.push(result.reason);
    const code = (result.reason as { code?: unknown } | null)?.code;
    for (const instance of chunks[index] ?? []) {
      merged.failed.push({
        instance,
        errorCode: typeof code === 'string' ? code : 'ARTEMIS_TRANSPORT',
        error: result.reason,
      });
    }
  });

  if (errors.length === results.length && errors.length > 0) throw errors[0];
  return merged;
}
