export { ArtemisHttpClient } from './http-client.js';
export type {
  ArtemisHttpClientOptions,
  EnvelopeReply,
  GetOptions,
  GetResult,
  HttpEvents,
  HttpResult,
  PostOptions,
  RequestOutcome,
} from './http-types.js';
export {
  HttpStatusError,
  RequestTimeoutError,
  ResponseTooLargeError,
  RetriesExhaustedError,
  RetryBudgetExhaustedError,
  TlsError,
  TransportError,
} from './errors.js';
export { decideRetry } from './retry-policy.js';
export type { AttemptOutcome, RetryDecision } from './retry-policy.js';
export { RetryBudget } from './retry-budget.js';
export type { RetryBudgetOptions } from './retry-budget.js';
export { parseRetryAfter } from './retry-after.js';
