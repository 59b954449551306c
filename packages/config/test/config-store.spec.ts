import { ClientClosedError, hasErrorCode } from '@artemis/protocol';

import { ConfigError, ConfigStore, resolveConfig } from '../src/index.js';
import type { ArtemisConfig, ArtemisOptions } from '../src/index.js';
import { BASE, catchConfigError, issueAt, NO_ENV } from './expect-config-error.js';

function record(store: ConfigStore) {
  const seen: ArtemisConfig[] = [];
  let completed = false;
  const subscription = store.changes$.subscribe({
    next: config => seen.push(config),
    complete: () => {
      completed = true;
    },
  });
  return { seen, isCompleted: () => completed, subscription };
}

describe('ConfigStore', () => {
  it('resolves options given to the constructor, environment included', () => {
    const store = new ConfigStore({ regionId: 'r' }, { ARTEMIS_SERVER_URLS: 'http://env/' });

    expect(store.current.serverUrls).toEqual(['http://env']);
    expect(store.current.regionId).toBe('r');
    expect(Object.isFrozen(store.current)).toBe(true);
  });

  it('takes a resolved config as it is', () => {
    const config = resolveConfig(BASE, NO_ENV);

    expect(new ConfigStore(config, NO_ENV).current).toBe(config);
  });

  it('throws a ConfigError for invalid initial options', () => {
    catchConfigError(() => new ConfigStore({ ...BASE, httpRetryCount: 0 }, NO_ENV));
  });

  it('applies a valid update, emits the new config and keeps it frozen', () => {
    const store = new ConfigStore(BASE, NO_ENV);
    const { seen } = record(store);

    const next = store.update({ heartbeatIntervalMs: 2000, headers: { 'X-A': '1' } });

    expect(next).toBe(store.current);
    expect(store.current.heartbeatIntervalMs).toBe(2000);
    expect(store.current.headers).toEqual({ 'X-A': '1' });
    expect(store.current.serverUrls).toEqual(BASE.serverUrls);
    expect(Object.isFrozen(store.current)).toBe(true);
    expect(seen).toEqual([next]);
  });

  it('does not replay the current config to a new subscriber', () => {
    const store = new ConfigStore(BASE, NO_ENV);

    const { seen } = record(store);

    expect(seen).toEqual([]);
  });

  it('keeps the old config and emits nothing when an update is invalid', () => {
    const store = new ConfigStore(BASE, NO_ENV);
    const before = store.current;
    const { seen } = record(store);

    const error = catchConfigError(() =>
      store.update({ httpRetryCount: 3, discoveryCacheTtlMs: 1, serverUrls: [] }),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual([
      'discoveryCacheTtlMs',
      'serverUrls',
    ]);
    expect(store.current).toBe(before);
    expect(store.current.httpRetryCount).toBe(5);
    expect(seen).toEqual([]);
  });

  it('validates the merged result, not the update alone', () => {
    const store = new ConfigStore(
      { ...BASE, heartbeatIntervalMs: 1000, heartbeatTtlMs: 3000 },
      NO_ENV,
    );

    const error = catchConfigError(() => store.update({ heartbeatIntervalMs: 2000 }));

    expect(issueAt(error, 'heartbeatTtlMs').message).toContain('6000 ms');
    expect(store.current.heartbeatIntervalMs).toBe(1000);
  });

  it('rejects unknown option names in an update', () => {
    const store = new ConfigStore(BASE, NO_ENV);

    const error = catchConfigError(() =>
      store.update({ heartbeatTtl: 1 } as unknown as ArtemisOptions),
    );

    expect(issueAt(error, 'heartbeatTtl').message).toContain("'heartbeatTtlMs'");
  });

  it('keeps deriving the heartbeat TTL from the interval when the TTL was never set', () => {
    const store = new ConfigStore(resolveConfig(BASE, NO_ENV), NO_ENV);

    store.update({ heartbeatIntervalMs: 10_000 });

    expect(store.current.heartbeatTtlMs).toBe(30_000);
  });

  it('leaves fields set to undefined as they are and keeps environment values', () => {
    const store = new ConfigStore({}, { ARTEMIS_SERVER_URLS: 'http://env', ARTEMIS_ZONE_ID: 'z' });

    store.update({ zoneId: undefined, regionId: 'r' });

    expect(store.current.zoneId).toBe('z');
    expect(store.current.serverUrls).toEqual(['http://env']);
    expect(store.current.regionId).toBe('r');
  });

  it('emits nothing for an update that changes no value', () => {
    const store = new ConfigStore({ ...BASE, tls: { ca: Buffer.from('ca') } }, NO_ENV);
    const before = store.current;
    const { seen } = record(store);

    const result = store.update({ regionId: 'default', tls: { ca: Buffer.from('ca') } });

    expect(result).toBe(before);
    expect(store.current).toBe(before);
    expect(seen).toEqual([]);
  });

  it('is not affected by a caller changing a TLS Buffer after creating the store', () => {
    const ca = Buffer.from('ca-1');
    const store = new ConfigStore({ ...BASE, tls: { ca } }, NO_ENV);

    ca.write('ca-2');
    store.update({ regionId: 'r' });

    expect(store.current.tls?.ca?.toString()).toBe('ca-1');
  });

  it('emits each new config in order', () => {
    const store = new ConfigStore(BASE, NO_ENV);
    const { seen } = record(store);

    store.update({ httpRetryCount: 2 });
    store.update({ httpRetryCount: 3 });

    expect(seen.map(config => config.httpRetryCount)).toEqual([2, 3]);
  });

  it('completes the stream on close, then refuses updates but still answers current', () => {
    const store = new ConfigStore(BASE, NO_ENV);
    const { isCompleted } = record(store);

    store.close();
    store.close();

    expect(isCompleted()).toBe(true);
    expect(store.current.serverUrls).toEqual(BASE.serverUrls);
    expect(() => store.update({ httpRetryCount: 2 })).toThrow(ClientClosedError);
    let lateCompleted = false;
    store.changes$.subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
  });

  it('is not disturbed by a subscriber that unsubscribes', () => {
    const store = new ConfigStore(BASE, NO_ENV);
    const first = record(store);
    const second = record(store);

    first.subscription.unsubscribe();
    store.update({ httpRetryCount: 4 });

    expect(first.seen).toEqual([]);
    expect(second.seen.map(config => config.httpRetryCount)).toEqual([4]);
  });

  it.each([null, 'x', ['a']])(
    'throws a ConfigError for the update %p and keeps the config',
    bad => {
      const store = new ConfigStore(BASE, NO_ENV);
      const before = store.current;

      const error = catchConfigError(() => store.update(bad as unknown as ArtemisOptions));

      expect(issueAt(error, '(options)').message).toBe('options must be an object');
      expect(store.current).toBe(before);
    },
  );

  it('throws a ConfigError, never a ZodError, for a bad value', () => {
    const store = new ConfigStore(BASE, NO_ENV);

    const error = catchConfigError(() => store.update({ metrics: 'x' as unknown as boolean }));

    expect(error).toBeInstanceOf(ConfigError);
    expect(hasErrorCode(error, 'ARTEMIS_INVALID_CONFIG')).toBe(true);
  });
});
