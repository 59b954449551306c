import { readBody } from './body-reader.js';
import { limitBodyTime } from './deadline.js';
import type { Endpoint } from './endpoints.js';
import { RequestCancel } from './request-cancel.js';
import { classifyFailure } from './error-kind.js';

/** Inputs of {@link getText}. */
export interface GetRequest {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxBytes: number;
  isClosed: () => boolean;
}

/** One GET, any status, body read as text. Failures come out as the client's typed errors. */
export async function getText(
  endpoint: Endpoint,
  path: string,
  request: GetRequest,
): Promise<{ status: number; text: string }> {
  let cancelBodyLimit: (() => void) | undefined;
  const startedAt = Date.now();
  const cancel = RequestCancel.follow(request.signal);
  try {
    const response = await endpoint.pool.request({
      path: endpoint.pathOf(path),
      method: 'GET',
      headers: endpoint.headers,
      signal: cancel,
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
    });
    cancelBodyLimit = limitBodyTime(response.body, startedAt, request.timeoutMs);
    const text = await readBody(
      response.body,
      response.headers,
      request.maxBytes,
      endpoint.redacted,
    );
    return { status: response.statusCode, text };
  } catch (error) {
    const failure = classifyFailure(
      error,
      endpoint.redacted,
      request.timeoutMs,
      request.signal,
      request.isClosed(),
    );
    throw failure.error;
  } finally {
    cancelBodyLimit?.();
    RequestCancel.release(cancel);
  }
}
