import { ArtemisError } from '@artemis/protocol';
import type { ArtemisErrorOptions } from '@artemis/protocol';

/** The server answered with an HTTP error status. `url` is redacted of credentials. */
export class HttpStatusError extends ArtemisError {
  override readonly name = 'HttpStatusError';

  constructor(
    readonly status: number,
    readonly url: string,
    /** A short prefix of the body, for logs. */
    readonly excerpt: string,
    options: ArtemisErrorOptions = {},
  ) {
    super('ARTEMIS_HTTP_STATUS', `HTTP ${status} from ${url}`, options);
  }
}

/** No complete answer within `requestTimeoutMs` (or no connection within `connectTimeoutMs`). */
export class RequestTimeoutError extends ArtemisError {
  override readonly name = 'RequestTimeoutError';

  constructor(
    readonly url: string,
    readonly timeoutMs: number,
    options: ArtemisErrorOptions = {},
  ) {
    super('ARTEMIS_REQUEST_TIMEOUT', `No answer from ${url} within ${timeoutMs} ms`, options);
  }
}

/** The connection failed: refused, reset, closed early, DNS. `cause` is the socket error. */
export class TransportError extends ArtemisError {
  override readonly name = 'TransportError';

  constructor(
    readonly url: string,
    options: ArtemisErrorOptions = {},
  ) {
    super(
      'ARTEMIS_TRANSPORT',
      `Transport failure talking to ${url}: ${describe(options.cause)}`,
      options,
    );
  }
}

/**
 * The TLS handshake failed: the server's certificate is not trusted (a missing `tls.ca`), has the
 * wrong name, or a client certificate was refused. Not retried: it is a configuration problem.
 */
export class TlsError extends ArtemisError {
  override readonly name = 'TlsError';

  constructor(
    readonly url: string,
    options: ArtemisErrorOptions = {},
  ) {
    super('ARTEMIS_TLS', `TLS failure talking to ${url}: ${describe(options.cause)}`, options);
  }
}

/** A reply body was larger than the client reads (16 MiB by default). */
export class ResponseTooLargeError extends ArtemisError {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    readonly url: string,
    readonly maxBytes: number,
    options: ArtemisErrorOptions = {},
  ) {
    super(
      'ARTEMIS_RESPONSE_TOO_LARGE',
      `Reply from ${url} is larger than ${maxBytes} bytes`,
      options,
    );
  }
}

/** Every attempt failed in a retryable way. `cause` is the last failure. */
export class RetriesExhaustedError extends ArtemisError {
  override readonly name = 'RetriesExhaustedError';

  constructor(
    readonly operation: string,
    readonly attempts: number,
    options: ArtemisErrorOptions = {},
  ) {
    super(
      'ARTEMIS_RETRIES_EXHAUSTED',
      `${operation} failed after ${attempts} attempts: ${describe(options.cause)}`,
      options,
    );
  }
}

/**
 * A retry was due but the retry budget is spent: too many recent calls needed retries, so this
 * one fails fast instead of adding to the load on a struggling cluster. `cause` is the last
 * failure.
 */
export class RetryBudgetExhaustedError extends ArtemisError {
  override readonly name = 'RetryBudgetExhaustedError';

  constructor(
    readonly operation: string,
    readonly attempts: number,
    options: ArtemisErrorOptions = {},
  ) {
    super(
      'ARTEMIS_RETRY_BUDGET_EXHAUSTED',
      `${operation} not retried, the retry budget is spent: ${describe(options.cause)}`,
      options,
    );
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}
