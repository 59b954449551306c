import { hasErrorCode, isArtemisError } from '@artemis/protocol';
import { Buffer } from 'node:buffer';

import { CONFIG_DEFAULTS, ConfigError, resolveConfig } from '../src/index.js';
import type { ArtemisOptions } from '../src/index.js';
import { BASE, catchConfigError, issueAt, NO_ENV } from './expect-config-error.js';

describe('resolveConfig defaults', () => {
  it('fills every option with the documented default', () => {
    const config = resolveConfig(BASE, NO_ENV);

    expect(config).toEqual({
      serverUrls: ['http://127.0.0.1:8080'],
      regionId: 'default',
      zoneId: 'default',
      flavor: 'auto',
      heartbeatIntervalMs: 5000,
      heartbeatTtlMs: 20000,
      heartbeatTransport: 'http',
      httpRetryCount: 5,
      httpRetryIntervalMs: 100,
      httpRetryMaxDelayMs: 5000,
      requestTimeoutMs: 5000,
      connectTimeoutMs: 2000,
      websocketPingIntervalMs: 30000,
      websocketPingTimeoutMs: 5000,
      websocketSessionTtlMs: 300000,
      websocketConnectTimeoutMs: 5000,
      websocketReconnectLimit: 5,
      websocketReconnectWindowMs: 20000,
      discoveryCacheTtlMs: 900000,
      discoveryReloadIntervalMs: 60000,
      discoveryPollIntervalMs: 30000,
      addressRefreshIntervalMs: 300000,
      addressQuarantineMs: 30000,
      addressTtlMs: 3600000,
      shutdownTimeoutMs: 5000,
      shutdownDrainMs: 0,
      metrics: false,
      headers: {},
    });
    expect('tls' in config).toBe(false);
  });

  it('publishes the same defaults it applies', () => {
    const config = resolveConfig(BASE, NO_ENV);

    for (const [name, value] of Object.entries(CONFIG_DEFAULTS)) {
      expect([name, config[name as keyof typeof config]]).toEqual([name, value]);
    }
    expect(Object.isFrozen(CONFIG_DEFAULTS)).toBe(true);
  });

  it('keeps every explicit value', () => {
    const options: Required<Omit<ArtemisOptions, 'tls'>> = {
      serverUrls: ['https://a.example:8443/artemis', 'http://b.example'],
      regionId: 'r1',
      zoneId: 'z1',
      flavor: 'rust',
      heartbeatIntervalMs: 1000,
      heartbeatTtlMs: 3000,
      heartbeatTransport: 'websocket',
      httpRetryCount: 10,
      httpRetryIntervalMs: 0,
      httpRetryMaxDelayMs: 0,
      requestTimeoutMs: 1,
      connectTimeoutMs: 2,
      websocketPingIntervalMs: 5000,
      websocketPingTimeoutMs: 5000,
      websocketSessionTtlMs: 7,
      websocketConnectTimeoutMs: 8,
      websocketReconnectLimit: 1,
      websocketReconnectWindowMs: 9,
      discoveryCacheTtlMs: 60000,
      discoveryReloadIntervalMs: 10,
      discoveryPollIntervalMs: 11,
      addressRefreshIntervalMs: 12,
      addressQuarantineMs: 0,
      addressTtlMs: 13,
      shutdownTimeoutMs: 14,
      shutdownDrainMs: 15,
      metrics: true,
      headers: { 'X-Team': 'payments' },
    };

    expect(resolveConfig(options, NO_ENV)).toEqual(options);
  });

  it('derives the heartbeat TTL from a slower interval when the TTL is not set', () => {
    expect(resolveConfig({ ...BASE, heartbeatIntervalMs: 10_000 }, NO_ENV).heartbeatTtlMs).toBe(
      30_000,
    );
    expect(resolveConfig({ ...BASE, heartbeatIntervalMs: 1_000 }, NO_ENV).heartbeatTtlMs).toBe(
      20_000,
    );
  });

  it('treats an option set to undefined as not set', () => {
    const config = resolveConfig(
      { ...BASE, regionId: undefined, httpRetryCount: undefined },
      NO_ENV,
    );

    expect(config.regionId).toBe('default');
    expect(config.httpRetryCount).toBe(5);
  });

  it('defaults tls.rejectUnauthorized to true and copies Buffers', () => {
    const ca = Buffer.from('-----BEGIN CERTIFICATE-----');
    const config = resolveConfig({ ...BASE, tls: { ca, cert: 'cert-pem' } }, NO_ENV);

    expect(config.tls).toEqual({ ca, cert: 'cert-pem', rejectUnauthorized: true });
    expect(config.tls?.ca).not.toBe(ca);
    ca.write('changed');
    expect(config.tls?.ca?.toString()).toBe('-----BEGIN CERTIFICATE-----');
    expect(resolveConfig({ ...BASE, tls: { rejectUnauthorized: false } }, NO_ENV).tls).toEqual({
      rejectUnauthorized: false,
    });
  });
});

describe('resolveConfig output', () => {
  it('is deeply frozen', () => {
    const config = resolveConfig({ ...BASE, headers: { a: 'b' }, tls: { key: 'k' } }, NO_ENV);

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.serverUrls)).toBe(true);
    expect(Object.isFrozen(config.headers)).toBe(true);
    expect(Object.isFrozen(config.tls)).toBe(true);
    expect(() => {
      (config as { regionId: string }).regionId = 'x';
    }).toThrow(TypeError);
    expect(() => (config.serverUrls as string[]).push('http://x')).toThrow(TypeError);
  });

  it('does not change when the caller changes its own arrays and objects afterwards', () => {
    const serverUrls = ['http://a'];
    const headers: Record<string, string> = { a: '1' };
    const config = resolveConfig({ serverUrls, headers }, NO_ENV);

    serverUrls.push('http://b');
    headers.a = '2';

    expect(config.serverUrls).toEqual(['http://a']);
    expect(config.headers).toEqual({ a: '1' });
  });

  it('keeps a header whose name looks like an object internal as a plain header', () => {
    const headers = JSON.parse('{"__proto__":"x","X-B":"y"}') as Record<string, string>;
    const config = resolveConfig({ ...BASE, headers }, NO_ENV);

    expect(Object.keys(config.headers).sort()).toEqual(['X-B', '__proto__']);
    expect(Object.getPrototypeOf(config.headers)).toBe(Object.prototype);
  });

  it('does not freeze or modify the options it was given', () => {
    const options = { serverUrls: ['http://a/'], headers: { a: '1' } };
    resolveConfig(options, NO_ENV);

    expect(Object.isFrozen(options)).toBe(false);
    expect(Object.isFrozen(options.serverUrls)).toBe(false);
    expect(options.serverUrls).toEqual(['http://a/']);
  });
});

describe('resolveConfig errors', () => {
  it('throws a ConfigError that is an Artemis error with a stable code', () => {
    const error = catchConfigError(() => resolveConfig({ ...BASE, httpRetryCount: 0 }, NO_ENV));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe('ConfigError');
    expect(isArtemisError(error)).toBe(true);
    expect(hasErrorCode(error, 'ARTEMIS_INVALID_CONFIG')).toBe(true);
    expect(error.message).toContain('httpRetryCount');
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('names every bad field at once', () => {
    const error = catchConfigError(() =>
      resolveConfig(
        {
          serverUrls: ['ftp://x'],
          regionId: '',
          flavor: 'python' as 'java',
          httpRetryCount: 11,
          websocketPingIntervalMs: 1000,
          discoveryCacheTtlMs: 1000,
          metrics: 'yes' as unknown as boolean,
        },
        NO_ENV,
      ),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual([
      'discoveryCacheTtlMs',
      'flavor',
      'httpRetryCount',
      'metrics',
      'regionId',
      'serverUrls[0]',
      'websocketPingIntervalMs',
    ]);
  });

  it.each([null, undefined, 'http://a', 42, ['http://a']])('rejects %p as options', value => {
    const error = catchConfigError(() => resolveConfig(value as ArtemisOptions, NO_ENV));

    expect(issueAt(error, '(options)').message).toBe('options must be an object');
  });

  it('reports field errors and cross-field errors together', () => {
    const error = catchConfigError(() =>
      resolveConfig(
        { ...BASE, httpRetryCount: 0, heartbeatIntervalMs: 10_000, heartbeatTtlMs: 10_000 },
        NO_ENV,
      ),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual([
      'heartbeatTtlMs',
      'httpRetryCount',
    ]);
  });

  it('skips a cross-field rule when one of its fields is already bad', () => {
    const error = catchConfigError(() =>
      resolveConfig({ ...BASE, heartbeatIntervalMs: -1, heartbeatTtlMs: 1 }, NO_ENV),
    );

    expect(error.issues).toEqual([
      { path: 'heartbeatIntervalMs', message: 'must be at least 1 ms' },
    ]);
  });
});
