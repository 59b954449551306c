import type { ReplyClassification } from '@artemis/protocol';

/** What one attempt came to, before any decision is taken. */
export type AttemptOutcome =
  | { type: 'reply'; classification: ReplyClassification }
  | { type: 'http-status'; status: number }
  | { type: 'timeout' }
  | { type: 'transport' }
  | { type: 'tls' }
  | { type: 'invalid-reply' }
  | { type: 'aborted' };

/** What the retry loop does next. */
export type RetryDecision =
  | { action: 'return' }
  | { action: 'throw' }
  | { action: 'retry'; node: 'same' | 'other'; markDown: boolean };

const RETURN: RetryDecision = { action: 'return' };
const THROW: RetryDecision = { action: 'throw' };
const OTHER_NODE: RetryDecision = { action: 'retry', node: 'other', markDown: true };
const SAME_NODE: RetryDecision = { action: 'retry', node: 'same', markDown: false };

/**
 * Decides, from one attempt's outcome alone, whether to retry and where (PROTOCOL 6.3, 9.3).
 *
 * - Transport errors, timeouts, 5xx, unreadable bodies and service-down replies: this node is
 *   unwell, so mark it down and move to another.
 * - Rate-limited and unknown replies, 429: a passing condition; retry on the same node.
 * - Success, partial and other business replies go back to the caller, who knows what they mean.
 * - Client errors (400, 404, 405, 415, 422 and other 4xx) and TLS failures are mistakes in the
 *   request or the configuration: retrying anywhere would fail the same way, so fail fast. (The
 *   Java client retries every HTTP error; a node stuck answering 400 then costs five attempts per
 *   call.)
 */
export function decideRetry(outcome: AttemptOutcome): RetryDecision {
  switch (outcome.type) {
    case 'reply':
      return decideReply(outcome.classification);
    case 'http-status':
      return decideStatus(outcome.status);
    case 'timeout':
    case 'transport':
    case 'invalid-reply':
      return OTHER_NODE;
    case 'tls':
    case 'aborted':
      return THROW;
  }
}

function decideReply(classification: ReplyClassification): RetryDecision {
  switch (classification.kind) {
    case 'success':
    case 'partial':
    case 'rejected':
      return RETURN;
    case 'service-down':
      return OTHER_NODE;
    case 'retry-same-node':
      return SAME_NODE;
  }
}

function decideStatus(status: number): RetryDecision {
  if (status === 429) return SAME_NODE;
  if (status === 408 || status >= 500) return OTHER_NODE;
  return THROW;
}
