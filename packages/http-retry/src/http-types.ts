import type { AddressManager, AddressSide } from '@artemis/address';
import type { ConfigStore } from '@artemis/config';
import type {
  Clock,
  Logger,
  RandomSource,
  ReplyClassification,
  ResponseStatus,
} from '@artemis/protocol';

import type { RetryBudgetOptions } from './retry-budget.js';

/** Options of {@link ArtemisHttpClient}. */
export interface ArtemisHttpClientOptions {
  /** The side this client serves, for events and logs. */
  side: AddressSide;
  /** Where requests go; failing addresses are marked down in it. */
  addresses: AddressManager;
  /**
   * Tunables read at each call: httpRetryCount, httpRetryIntervalMs, httpRetryMaxDelayMs,
   * requestTimeoutMs, connectTimeoutMs, headers, tls, shutdownTimeoutMs.
   */
  config: ConfigStore;
  /** Receives warnings about failed attempts. @default silent */
  logger?: Logger;
  /** Source of randomness for backoff jitter. @default Math.random */
  random?: RandomSource;
  /** Time source for durations and the retry budget. @default the system clock */
  clock?: Clock;
  /** Bounds on retries across calls. @default 10% of calls plus 1 per second, 20 saved at most */
  retryBudget?: RetryBudgetOptions;
  /** Largest reply body read, in bytes, after decompression. @default 16 MiB */
  maxResponseBytes?: number;
  /** Most connections per server origin. @default 64 */
  connectionsPerOrigin?: number;
}

/** Options of one POST. */
export interface PostOptions<R> {
  /** A name for events and errors, such as `heartbeat`. */
  operation: string;
  /** Reads the decoded JSON body; throws InvalidReplyError on a bad shape. */
  parse: (json: unknown) => R;
  /** Cancels the call, including a pending backoff. */
  signal?: AbortSignal;
}

/** What a POST resolved to: the parsed reply and how it was obtained. */
export interface HttpResult<R> {
  reply: R;
  classification: ReplyClassification;
  /** The base URL that answered (as configured). */
  url: string;
  attempts: number;
  durationMs: number;
}

/** A reply with the envelope every business reply has. */
export interface EnvelopeReply {
  responseStatus: ResponseStatus;
}

/** Options of one GET. */
export interface GetOptions {
  operation: string;
  signal?: AbortSignal;
}

/** The answer to a plain GET. */
export interface GetResult {
  status: number;
  text: string;
  url: string;
}

/** Outcomes reported by the `request` event. */
export type RequestOutcome =
  | 'success'
  | 'partial'
  | 'rejected'
  | 'service-down'
  | 'retry-same-node'
  | 'http-error'
  | 'timeout'
  | 'transport-error'
  | 'invalid-reply'
  | 'tls-error'
  | 'aborted';

/** Events of an {@link ArtemisHttpClient}. URLs are redacted of credentials. */
export interface HttpEvents {
  /** One attempt finished. */
  request: {
    side: AddressSide;
    operation: string;
    url: string;
    outcome: RequestOutcome;
    status?: number;
    durationMs: number;
    attempt: number;
  };
  /** A retry is about to wait `delayMs` before the next attempt. */
  retry: { side: AddressSide; operation: string; attempt: number; delayMs: number; reason: string };
}
