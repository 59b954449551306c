import type { ArtemisConfig } from '@artemis/config';

import { redactUrl } from '@artemis/config';

/** A base URL split the way an HTTP pool needs it. */
export interface HttpTarget {
  /** `scheme://host:port`, without credentials: the key of a connection pool. */
  origin: string;
  /** The context path, without a trailing '/' ('' at the root). */
  basePath: string;
  /** `Basic …` when the URL carried credentials, to send instead of putting them in logs. */
  authorization: string | undefined;
  /** The URL for logs and error messages, credentials masked. */
  redacted: string;
}

/** Splits a configured base URL into origin, context path and credentials. */
export function toHttpTarget(baseUrl: string): HttpTarget {
  const parsed = new URL(baseUrl);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const authorization =
    user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;

  return {
    origin: parsed.origin,
    basePath: parsed.pathname.replace(/\/+$/, ''),
    authorization,
    redacted: redactUrl(baseUrl),
  };
}

/** The TLS and timeout options of undici's connector, from the configuration. */
export function connectOptionsOf(config: ArtemisConfig): Record<string, unknown> {
  const tls = config.tls;
  const options: Record<string, unknown> = { timeout: config.connectTimeoutMs };
  if (!tls) return options;

  if (tls.ca !== undefined) options.ca = tls.ca;
  if (tls.cert !== undefined) options.cert = tls.cert;
  if (tls.key !== undefined) options.key = tls.key;

  // Certificate checks stay on unless the application turned them off explicitly.
  options.rejectUnauthorized = tls.rejectUnauthorized !== false;
  return options;
}

/**
 * The headers of every JSON request: the configured extra headers (an auth token, say), then the
 * content negotiation the servers need. A URL's credentials become `authorization` unless the
 * configured headers already carry one.
 */
export function jsonHeadersOf(
  config: ArtemisConfig,
  authorization?: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) headers[name.toLowerCase()] = value;

  headers['content-type'] = 'application/json';
  headers.accept = 'application/json';
  if (authorization && headers.authorization === undefined) headers.authorization = authorization;
  return headers;
}
