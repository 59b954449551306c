import { classifyReply, InvalidReplyError } from '@artemis/protocol';
import type { ReplyClassification } from '@artemis/protocol';

import { readBody, readExcerpt } from './body-reader.js';
import { limitBodyTime } from './deadline.js';
import type { Endpoint } from './endpoints.js';
import { RequestCancel } from './request-cancel.js';
import { classifyFailure } from './error-kind.js';
import { HttpStatusError } from './errors.js';
import type { EnvelopeReply } from './http-types.js';
import { parseRetryAfter } from './retry-after.js';
import type { AttemptOutcome } from './retry-policy.js';

const EXCERPT_BYTES = 512;

/** The inputs of one attempt; one object per call, reused across its attempts. */
export interface AttemptRequest<R> {
  path: string;
  payload: string;
  parse: (json: unknown) => R;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxBytes: number;
}

/** What one attempt produced. */
export interface AttemptResult<R> {
  outcome: AttemptOutcome;
  reply?: R;
  classification?: ReplyClassification;
  error?: Error;
  status?: number;
  retryAfterMs?: number;
}

/** Sends one POST to one endpoint and reads, parses and classifies the answer. Never throws. */
export async function attemptPost<R extends EnvelopeReply>(
  endpoint: Endpoint,
  request: AttemptRequest<R>,
  isClosed: () => boolean,
): Promise<AttemptResult<R>> {
  let status: number | undefined;
  let retryAfterMs: number | undefined;
  let cancelBodyLimit: (() => void) | undefined;
  const startedAt = Date.now();
  const cancel = RequestCancel.follow(request.signal);
  try {
    // POSTs are retried on purpose, unlike undici's own retry handler which leaves them alone:
    // every Artemis POST is safe to repeat (register and heartbeat are idempotent upserts,
    // unregister of a gone instance is a no-op, lookups only read).
    const response = await endpoint.pool.request({
      path: endpoint.pathOf(request.path),
      method: 'POST',
      headers: endpoint.headers,
      body: request.payload,
      signal: cancel,
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
    });
    status = response.statusCode;
    cancelBodyLimit = limitBodyTime(response.body, startedAt, request.timeoutMs);

    if (status < 200 || status >= 300) {
      retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
      const excerpt = await readExcerpt(response.body, EXCERPT_BYTES);
      throw new HttpStatusError(status, endpoint.redacted, excerpt);
    }

    const text = await readBody(
      response.body,
      response.headers,
      request.maxBytes,
      endpoint.redacted,
    );
    const reply = parseReply(text, request.parse, endpoint.redacted);
    const classification = classifyReply(reply);
    return { outcome: { type: 'reply', classification }, reply, classification, status };
  } catch (error) {
    const failure = classifyFailure(
      error,
      endpoint.redacted,
      request.timeoutMs,
      request.signal,
      isClosed(),
    );
    return { outcome: failure.outcome, error: failure.error, status, retryAfterMs };
  } finally {
    cancelBodyLimit?.();
    RequestCancel.release(cancel);
  }
}

function parseReply<R extends EnvelopeReply>(
  text: string,
  parse: (json: unknown) => R,
  url: string,
): R {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const excerpt = text.slice(0, 120).replace(/[\u0000-\u001f\u007f]+/g, ' ');
    const issues = [text.length === 0 ? 'empty body' : 'not JSON'];
    throw new InvalidReplyError(`reply from ${url}`, { issues, excerpt, cause: error });
  }

  try {
    return parse(json);
  } catch (error) {
    if (error instanceof InvalidReplyError) throw error;
    throw new InvalidReplyError(`reply from ${url}`, { issues: ['unreadable'], cause: error });
  }
}
