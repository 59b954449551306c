import { Buffer } from 'node:buffer';
import { z } from 'zod';

import { MAX_TIMER_MS } from './defaults.js';
import { checkServerUrl } from './server-url.js';

interface DurationBounds {
  min: number;
  max?: number;
}

/** A duration in ms: a finite number within bounds; the message says which bound and the unit. */
function duration({ min, max = MAX_TIMER_MS }: DurationBounds) {
  return z
    .number({ error: 'must be a finite number of milliseconds' })
    .min(min, { error: min === 0 ? 'must not be negative' : `must be at least ${min} ms` })
    .max(max, { error: `must be at most ${max} ms` })
    .optional();
}

function count(min: number, max: number) {
  return z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
    .optional();
}

const identifier = z
  .string({ error: 'must be a string' })
  .refine(value => value.trim() !== '', { error: 'must not be empty' })
  .refine(value => value.trim() === value, { error: 'must not start or end with spaces' })
  .optional();

/** Validates one URL; the output is the normalised URL, so trailing slashes are gone. */
const serverUrl = z.string({ error: 'must be a string' }).transform((raw, context) => {
  const checked = checkServerUrl(raw);
  if (checked.ok) return checked.url;

  context.issues.push({ code: 'custom', message: checked.reason, input: raw });
  return z.NEVER;
});

// RFC 9110 token for names; values must not be able to split the header block.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;

const headers = z
  .record(
    z.string().regex(HEADER_NAME, { error: 'is not a valid HTTP header name' }),
    z.string({ error: 'must be a string' }).refine(value => !HEADER_VALUE_FORBIDDEN.test(value), {
      error: 'must not contain CR, LF or NUL characters',
    }),
    { error: 'must be an object of header names to string values' },
  )
  .optional();

const pem = z
  .union([z.string(), z.custom<Buffer>(value => Buffer.isBuffer(value))], {
    error: 'must be a PEM string or a Buffer',
  })
  .optional();

const tls = z
  .strictObject(
    {
      ca: pem,
      cert: pem,
      key: pem,
      rejectUnauthorized: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: 'must be an object' },
  )
  .optional();

/** Field-by-field rules. Rules between fields live in cross-field-rules.ts. */
export const optionsSchema = z.strictObject(
  {
    serverUrls: z
      .array(serverUrl, { error: 'must be an array of URL strings' })
      .min(1, { error: 'must list at least one server URL' })
      .optional(),
    regionId: identifier,
    zoneId: identifier,
    flavor: z
      .enum(['java', 'rust', 'auto'], { error: "must be 'java', 'rust' or 'auto'" })
      .optional(),

    heartbeatIntervalMs: duration({ min: 1 }),
    heartbeatTtlMs: duration({ min: 1 }),
    heartbeatTransport: z
      .enum(['http', 'websocket'], { error: "must be 'http' or 'websocket'" })
      .optional(),

    httpRetryCount: count(1, 10),
    httpRetryIntervalMs: duration({ min: 0 }),
    httpRetryMaxDelayMs: duration({ min: 0 }),
    requestTimeoutMs: duration({ min: 1 }),
    connectTimeoutMs: duration({ min: 1 }),

    websocketPingIntervalMs: duration({ min: 5_000, max: 300_000 }),
    websocketPingTimeoutMs: duration({ min: 1 }),
    websocketSessionTtlMs: duration({ min: 1 }),
    websocketConnectTimeoutMs: duration({ min: 1 }),
    websocketReconnectLimit: count(1, 1_000),
    websocketReconnectWindowMs: duration({ min: 1 }),

    discoveryCacheTtlMs: duration({ min: 60_000 }),
    discoveryReloadIntervalMs: duration({ min: 1 }),
    discoveryPollIntervalMs: duration({ min: 1 }),

    addressRefreshIntervalMs: duration({ min: 1 }),
    addressQuarantineMs: duration({ min: 0 }),
    addressTtlMs: duration({ min: 1 }),

    shutdownTimeoutMs: duration({ min: 1 }),
    shutdownDrainMs: duration({ min: 0 }),
    metrics: z.boolean({ error: 'must be true or false' }).optional(),
    headers,
    tls,
  },
  { error: 'options must be an object' },
);

/** The option names the schema knows, for typo suggestions. */
export const OPTION_NAMES: readonly string[] = Object.keys(optionsSchema.shape);

/** The option names inside `tls`. */
export const TLS_OPTION_NAMES: readonly string[] = ['ca', 'cert', 'key', 'rejectUnauthorized'];
