import { ExponentialBackoff } from '@artemis/address';
import type { AddressManager, AddressSide } from '@artemis/address';
import type { ArtemisConfig, ConfigStore } from '@artemis/config';
import {
  ClientClosedError,
  sleep,
  systemClock,
  systemRandom,
  throwIfAborted,
  toSdkLogger,
  TypedEvents,
} from '@artemis/protocol';
import type { Clock, RandomSource, SdkLogger } from '@artemis/protocol';

import { attemptPost } from './attempt.js';
import type { AttemptRequest, AttemptResult } from './attempt.js';
import { Endpoints } from './endpoints.js';
import { RetriesExhaustedError, RetryBudgetExhaustedError } from './errors.js';
import { getText } from './get.js';
import type {
  ArtemisHttpClientOptions,
  EnvelopeReply,
  GetOptions,
  GetResult,
  HttpEvents,
  HttpResult,
  PostOptions,
} from './http-types.js';
import { outcomeName } from './outcome-name.js';
import { RetryBudget } from './retry-budget.js';
import { decideRetry } from './retry-policy.js';

const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * JSON POSTs to an Artemis cluster: keep-alive pools per origin, timeouts, failover through the
 * address manager, jittered capped backoff, and a retry budget shared by every call of this
 * client.
 */
export class ArtemisHttpClient {
  readonly events: TypedEvents<HttpEvents>;
  readonly side: AddressSide;

  readonly #addresses: AddressManager;
  readonly #config: ConfigStore;
  readonly #logger: SdkLogger;
  readonly #random: RandomSource;
  readonly #clock: Clock;
  readonly #budget: RetryBudget;
  readonly #maxBytes: number;
  readonly #endpoints: Endpoints;
  readonly #lifetime = new AbortController();
  readonly #isClosed = (): boolean => this.#closed;
  #backoffConfig: ArtemisConfig | undefined;
  #backoff: ExponentialBackoff | undefined;
  #closed = false;

  constructor(options: ArtemisHttpClientOptions) {
    this.side = options.side;
    this.#addresses = options.addresses;
    this.#config = options.config;
    this.#logger = toSdkLogger(options.logger, `http-${options.side}`);
    this.#random = options.random ?? systemRandom;
    this.#clock = options.clock ?? systemClock;
    this.#budget = new RetryBudget(options.retryBudget, this.#clock);
    this.#maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#endpoints = new Endpoints(options.connectionsPerOrigin ?? 64);
    this.events = new TypedEvents<HttpEvents>(
      (error, event) => this.#logger.warn('HTTP event listener failed', { event, error }),
      { diagnostics: 'http' },
    );
  }

  /**
   * POSTs `body` as JSON to `path` under the current address. Resolves for success, partial and
   * rejected replies; retries the rest (see README) and throws a typed error when it gives up.
   */
  async post<R extends EnvelopeReply>(
    path: string,
    body: unknown,
    options: PostOptions<R>,
  ): Promise<HttpResult<R>> {
    if (this.#closed) throw new ClientClosedError('HTTP client');
    throwIfAborted(options.signal);

    const config = this.#config.current;
    const started = this.#clock.now();
    const request: AttemptRequest<R> = {
      path,
      payload: JSON.stringify(body),
      parse: options.parse,
      signal: options.signal,
      timeoutMs: config.requestTimeoutMs,
      maxBytes: this.#maxBytes,
    };
    this.#budget.deposit();

    let url = this.#addresses.current();
    let tried: Set<string> | undefined;
    for (let attempt = 1; ; attempt++) {
      const endpoint = this.#endpoints.endpointOf(url, config);
      const attemptStarted = this.#clock.now();
      const result = await attemptPost(endpoint, request, this.#isClosed);
      if (this.events.isObserved('request')) {
        this.#emitRequest(options.operation, endpoint.redacted, result, attemptStarted, attempt);
      }

      const decision = decideRetry(result.outcome);
      if (decision.action === 'return' && result.reply && result.classification) {
        this.#addresses.markUp(url);
        const durationMs = this.#clock.now() - started;
        return {
          reply: result.reply,
          classification: result.classification,
          url,
          attempts: attempt,
          durationMs,
        };
      }
      const error = result.error ?? new Error('unexpected attempt result');
      if (decision.action !== 'retry') throw error;

      if (decision.markDown) this.#addresses.markDown(url, outcomeName(result));
      if (attempt >= config.httpRetryCount) {
        throw new RetriesExhaustedError(options.operation, attempt, { cause: error });
      }
      if (!this.#budget.tryWithdraw()) {
        throw new RetryBudgetExhaustedError(options.operation, attempt, { cause: error });
      }

      await this.#pause(options.operation, attempt, result, config, options.signal);

      if (decision.node === 'other') {
        (tried ??= new Set()).add(url);
        url = this.#addresses.current();
        if (tried.has(url)) url = this.#addresses.next(tried);
      }
    }
  }

  /** A plain GET on the current address, without retries, such as `health` for flavour checks. */
  async get(path: string, options: GetOptions): Promise<GetResult> {
    if (this.#closed) throw new ClientClosedError('HTTP client');
    throwIfAborted(options.signal);

    const config = this.#config.current;
    const url = this.#addresses.current();
    const endpoint = this.#endpoints.endpointOf(url, config);
    const { status, text } = await getText(endpoint, path, {
      signal: options.signal,
      timeoutMs: config.requestTimeoutMs,
      maxBytes: this.#maxBytes,
      isClosed: this.#isClosed,
    });
    return { status, text, url };
  }

  /**
   * Stops new calls, cancels pending backoffs, lets requests in flight finish for up to
   * `shutdownTimeoutMs`, then closes every connection. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;

    this.#lifetime.abort(new ClientClosedError('HTTP client'));
    await this.#endpoints.close(this.#config.current.shutdownTimeoutMs);
  }

  async #pause(
    operation: string,
    attempt: number,
    result: AttemptResult<unknown>,
    config: ArtemisConfig,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let delayMs = this.#backoffFor(config).delayFor(attempt - 1);
    if (result.retryAfterMs !== undefined) {
      delayMs = Math.max(delayMs, Math.min(result.retryAfterMs, config.httpRetryMaxDelayMs));
    }

    const reason = outcomeName(result);
    this.events.emit('retry', { side: this.side, operation, attempt, delayMs, reason });
    this.#logger.debug('retrying', { operation, attempt, delayMs, reason });

    const wait = signal ? AbortSignal.any([signal, this.#lifetime.signal]) : this.#lifetime.signal;
    try {
      await sleep(delayMs, wait);
    } catch (error) {
      if (this.#closed) throw new ClientClosedError('HTTP client');
      throw error;
    }
  }

  #backoffFor(config: ArtemisConfig): ExponentialBackoff {
    if (this.#backoff && this.#backoffConfig === config) return this.#backoff;

    this.#backoffConfig = config;
    this.#backoff = new ExponentialBackoff({
      initialMs: config.httpRetryIntervalMs,
      maxMs: config.httpRetryMaxDelayMs,
      random: this.#random,
    });
    return this.#backoff;
  }

  #emitRequest(
    operation: string,
    url: string,
    result: AttemptResult<unknown>,
    startedAt: number,
    attempt: number,
  ): void {
    const payload: HttpEvents['request'] = {
      side: this.side,
      operation,
      url,
      outcome: outcomeName(result),
      durationMs: this.#clock.now() - startedAt,
      attempt,
    };
    if (result.status !== undefined) payload.status = result.status;
    this.events.emit('request', payload);
  }
}
