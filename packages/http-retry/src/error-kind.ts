import { ArtemisAbortError, ClientClosedError, InvalidReplyError } from '@artemis/protocol';

import { DeadlineExceeded } from './deadline.js';

import {
  HttpStatusError,
  RequestTimeoutError,
  ResponseTooLargeError,
  TlsError,
  TransportError,
} from './errors.js';
import type { AttemptOutcome } from './retry-policy.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/** A failed attempt as the retry policy sees it, with the typed error to surface. */
export interface ClassifiedFailure {
  outcome: AttemptOutcome;
  error: Error;
}

/**
 * Turns whatever an attempt threw into a typed error and an outcome. `url` is already redacted;
 * messages never contain credentials or header values.
 */
export function classifyFailure(
  error: unknown,
  url: string,
  timeoutMs: number,
  aborted: AbortSignal | undefined,
  closed: boolean,
): ClassifiedFailure {
  if (closed) return { outcome: { type: 'aborted' }, error: new ClientClosedError('HTTP client') };
  if (aborted?.aborted) {
    return { outcome: { type: 'aborted' }, error: new ArtemisAbortError(aborted.reason) };
  }
  if (error instanceof DeadlineExceeded) {
    return {
      outcome: { type: 'timeout' },
      error: new RequestTimeoutError(url, timeoutMs, { cause: error }),
    };
  }
  if (error instanceof HttpStatusError) {
    return { outcome: { type: 'http-status', status: error.status }, error };
  }
  if (error instanceof InvalidReplyError || error instanceof ResponseTooLargeError) {
    return { outcome: { type: 'invalid-reply' }, error };
  }

  const code = codeOf(error);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return {
      outcome: { type: 'timeout' },
      error: new RequestTimeoutError(url, timeoutMs, { cause: error }),
    };
  }
  if (code !== undefined && isTlsCode(code)) {
    return { outcome: { type: 'tls' }, error: new TlsError(url, { cause: error }) };
  }
  return { outcome: { type: 'transport' }, error: new TransportError(url, { cause: error }) };
}

function isTlsCode(code: string): boolean {
  return (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_OSSL_')
  );
}

/** The error code of an error or of the first cause that has one. */
function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      // undici wraps socket errors; the underlying code is the telling one.
      if (code !== 'UND_ERR_SOCKET' || !(current as { cause?: unknown }).cause) return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
