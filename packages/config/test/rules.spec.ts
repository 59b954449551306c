import { MAX_TIMER_MS, resolveConfig } from '../src/index.js';
import type { ArtemisOptions } from '../src/index.js';
import { BASE, catchConfigError, issueAt, NO_ENV } from './expect-config-error.js';

function resolve(extra: ArtemisOptions) {
  return resolveConfig({ ...BASE, ...extra }, NO_ENV);
}

function rejectionOf(extra: Record<string, unknown>, path: string): string {
  return issueAt(
    catchConfigError(() => resolve(extra as ArtemisOptions)),
    path,
  ).message;
}

describe('heartbeat TTL rule', () => {
  it('accepts a TTL of exactly three intervals', () => {
    expect(resolve({ heartbeatIntervalMs: 2000, heartbeatTtlMs: 6000 }).heartbeatTtlMs).toBe(6000);
  });

  it('rejects a TTL shorter than three intervals', () => {
    const message = rejectionOf(
      { heartbeatIntervalMs: 2000, heartbeatTtlMs: 5999 },
      'heartbeatTtlMs',
    );

    expect(message).toBe('must be at least 3 × heartbeatIntervalMs (6000 ms), got 5999 ms');
  });

  it('rejects an explicit TTL that the default interval makes too short', () => {
    expect(rejectionOf({ heartbeatTtlMs: 10_000 }, 'heartbeatTtlMs')).toContain('15000 ms');
  });
});

describe('HTTP retry rules', () => {
  it.each([1, 10])('accepts a retry count of %p', count => {
    expect(resolve({ httpRetryCount: count }).httpRetryCount).toBe(count);
  });

  it.each([0, 11, 2.5, -1])('rejects a retry count of %p', count => {
    expect(rejectionOf({ httpRetryCount: count }, 'httpRetryCount')).toMatch(
      /between 1 and 10|whole/,
    );
  });

  it('rejects a backoff cap below the backoff base', () => {
    const message = rejectionOf(
      { httpRetryIntervalMs: 200, httpRetryMaxDelayMs: 100 },
      'httpRetryMaxDelayMs',
    );

    expect(message).toBe('must be at least httpRetryIntervalMs (200 ms), got 100 ms');
  });

  it('accepts a zero retry interval and rejects a negative one', () => {
    expect(resolve({ httpRetryIntervalMs: 0 }).httpRetryIntervalMs).toBe(0);
    expect(rejectionOf({ httpRetryIntervalMs: -1 }, 'httpRetryIntervalMs')).toBe(
      'must not be negative',
    );
  });
});

describe('WebSocket rules', () => {
  it.each([5000, 300_000])('accepts a ping interval of %p ms', interval => {
    expect(resolve({ websocketPingIntervalMs: interval }).websocketPingIntervalMs).toBe(interval);
  });

  it('rejects a ping interval under 5 s or over 300 s', () => {
    expect(rejectionOf({ websocketPingIntervalMs: 4999 }, 'websocketPingIntervalMs')).toBe(
      'must be at least 5000 ms',
    );
    expect(rejectionOf({ websocketPingIntervalMs: 300_001 }, 'websocketPingIntervalMs')).toBe(
      'must be at most 300000 ms',
    );
  });

  it('rejects a pong deadline longer than the ping interval', () => {
    const message = rejectionOf(
      { websocketPingIntervalMs: 5000, websocketPingTimeoutMs: 5001 },
      'websocketPingTimeoutMs',
    );

    expect(message).toBe('must be at most websocketPingIntervalMs (5000 ms), got 5001 ms');
  });

  it.each([0, 1.5, 1001])('rejects a reconnect limit of %p', limit => {
    expect(rejectionOf({ websocketReconnectLimit: limit }, 'websocketReconnectLimit')).toMatch(
      /whole number|between 1 and 1000/,
    );
  });
});

describe('discovery cache rule', () => {
  it('accepts a cache TTL of 60 s and rejects anything shorter', () => {
    expect(resolve({ discoveryCacheTtlMs: 60_000 }).discoveryCacheTtlMs).toBe(60_000);
    expect(rejectionOf({ discoveryCacheTtlMs: 59_999 }, 'discoveryCacheTtlMs')).toBe(
      'must be at least 60000 ms',
    );
  });
});

describe('number rules for every duration', () => {
  const positive = [
    'heartbeatIntervalMs',
    'requestTimeoutMs',
    'connectTimeoutMs',
    'websocketSessionTtlMs',
    'websocketConnectTimeoutMs',
    'websocketReconnectWindowMs',
    'discoveryReloadIntervalMs',
    'discoveryPollIntervalMs',
    'addressRefreshIntervalMs',
    'addressTtlMs',
    'shutdownTimeoutMs',
  ];
  const all = [
    ...positive,
    'heartbeatTtlMs',
    'httpRetryIntervalMs',
    'httpRetryMaxDelayMs',
    'websocketPingIntervalMs',
    'websocketPingTimeoutMs',
    'discoveryCacheTtlMs',
    'addressQuarantineMs',
    'shutdownDrainMs',
  ];

  it.each(positive)('%s must be positive', field => {
    expect(rejectionOf({ [field]: 0 }, field)).toBe('must be at least 1 ms');
  });

  it.each(all)('%s must be a finite number', field => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1000', null]) {
      expect(rejectionOf({ [field]: bad }, field)).toBe('must be a finite number of milliseconds');
    }
  });

  it.each(all)('%s must fit in a Node timer', field => {
    expect(rejectionOf({ [field]: MAX_TIMER_MS + 1 }, field)).toMatch(/^must be at most \d+ ms$/);
  });

  it('accepts zero for the address quarantine and the shutdown drain', () => {
    expect(resolve({ addressQuarantineMs: 0 }).addressQuarantineMs).toBe(0);
    expect(resolve({ shutdownDrainMs: 0 }).shutdownDrainMs).toBe(0);
    expect(rejectionOf({ shutdownDrainMs: -1 }, 'shutdownDrainMs')).toBe('must not be negative');
  });
});

describe('other field rules', () => {
  it.each(['regionId', 'zoneId'])('%s must be a non-empty string without padding', field => {
    expect(rejectionOf({ [field]: '' }, field)).toBe('must not be empty');
    expect(rejectionOf({ [field]: '   ' }, field)).toBe('must not be empty');
    expect(rejectionOf({ [field]: ' eu ' }, field)).toBe('must not start or end with spaces');
    expect(rejectionOf({ [field]: 7 }, field)).toBe('must be a string');
  });

  it('accepts only the known flavors and heartbeat transports', () => {
    expect(resolve({ flavor: 'java' }).flavor).toBe('java');
    expect(rejectionOf({ flavor: 'JAVA' }, 'flavor')).toBe("must be 'java', 'rust' or 'auto'");
    expect(resolve({ heartbeatTransport: 'websocket' }).heartbeatTransport).toBe('websocket');
    expect(rejectionOf({ heartbeatTransport: 'udp' }, 'heartbeatTransport')).toBe(
      "must be 'http' or 'websocket'",
    );
  });

  it('requires metrics to be a boolean', () => {
    expect(rejectionOf({ metrics: 1 }, 'metrics')).toBe('must be true or false');
  });

  it('rejects header names that are not tokens and values that could split headers', () => {
    const error = catchConfigError(() =>
      resolve({
        headers: { 'Bad Name': 'x', 'X-Ok': 'a\r\nX-Injected: 1', 'X-Num': 1 as unknown as string },
      }),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual([
      'headers.Bad Name',
      'headers.X-Num',
      'headers.X-Ok',
    ]);
    expect(issueAt(error, 'headers.X-Ok').message).toBe(
      'must not contain CR, LF or NUL characters',
    );
    expect(error.message).not.toContain('X-Injected');
  });

  it('rejects headers that are not an object', () => {
    expect(rejectionOf({ headers: 'a: b' }, 'headers')).toBe(
      'must be an object of header names to string values',
    );
  });

  it('rejects TLS material that is neither a string nor a Buffer', () => {
    expect(rejectionOf({ tls: { ca: 42 } }, 'tls.ca')).toBe('must be a PEM string or a Buffer');
    expect(rejectionOf({ tls: { rejectUnauthorized: 'no' } }, 'tls.rejectUnauthorized')).toBe(
      'must be true or false',
    );
    expect(rejectionOf({ tls: true }, 'tls')).toBe('must be an object');
  });
});

describe('unknown options', () => {
  it('rejects a misspelt option and suggests the right name', () => {
    expect(rejectionOf({ heartbeatInterval: 1000 }, 'heartbeatInterval')).toBe(
      "is not a known option; did you mean 'heartbeatIntervalMs'?",
    );
    expect(rejectionOf({ serverUrl: ['http://a'] }, 'serverUrl')).toBe(
      "is not a known option; did you mean 'serverUrls'?",
    );
    expect(rejectionOf({ regionid: 'x' }, 'regionid')).toBe(
      "is not a known option; did you mean 'regionId'?",
    );
  });

  it('rejects a name that resembles nothing without a suggestion', () => {
    expect(rejectionOf({ colour: 'blue' }, 'colour')).toBe('is not a known option');
  });

  it('rejects an unknown key even when its value is undefined', () => {
    expect(rejectionOf({ retries: undefined }, 'retries')).toMatch(/^is not a known option/);
  });

  it('rejects unknown TLS option names', () => {
    expect(rejectionOf({ tls: { rejectUnauthorised: false } }, 'tls.rejectUnauthorised')).toBe(
      "is not a known option; did you mean 'rejectUnauthorized'?",
    );
  });

  it('reports unknown names alongside bad values', () => {
    const error = catchConfigError(() =>
      resolve({ typo: 1, httpRetryCount: 99 } as unknown as ArtemisOptions),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual(['httpRetryCount', 'typo']);
  });
});
