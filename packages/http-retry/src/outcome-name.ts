import type { AttemptResult } from './attempt.js';
import type { RequestOutcome } from './http-types.js';

/** The name an attempt's outcome has in events, logs and mark-down reasons. */
export function outcomeName(result: AttemptResult<unknown>): RequestOutcome {
  const outcome = result.outcome;
  switch (outcome.type) {
    case 'reply':
      return outcome.classification.kind;
    case 'http-status':
      return 'http-error';
    case 'timeout':
      return 'timeout';
    case 'transport':
      return 'transport-error';
    case 'tls':
      return 'tls-error';
    case 'invalid-reply':
      return 'invalid-reply';
    case 'aborted':
      return 'aborted';
  }
}
