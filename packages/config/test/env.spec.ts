import { ENV_VARIABLES, resolveConfig } from '../src/index.js';
import { BASE, catchConfigError, issueAt } from './expect-config-error.js';

describe('resolveConfig environment', () => {
  it('reads server URLs, region, zone and flavor from the environment', () => {
    const config = resolveConfig(
      {},
      {
        ARTEMIS_SERVER_URLS: ' http://a:8080/artemis/ , https://b ,',
        ARTEMIS_REGION_ID: ' eu ',
        ARTEMIS_ZONE_ID: 'eu-1',
        ARTEMIS_FLAVOR: 'Rust',
      },
    );

    expect(config.serverUrls).toEqual(['http://a:8080/artemis', 'https://b']);
    expect(config.regionId).toBe('eu');
    expect(config.zoneId).toBe('eu-1');
    expect(config.flavor).toBe('rust');
  });

  it('lets explicit options win over the environment', () => {
    const config = resolveConfig(
      { serverUrls: ['http://explicit'], regionId: 'r', zoneId: 'z', flavor: 'java' },
      {
        ARTEMIS_SERVER_URLS: 'http://env',
        ARTEMIS_REGION_ID: 'env-r',
        ARTEMIS_ZONE_ID: 'env-z',
        ARTEMIS_FLAVOR: 'rust',
      },
    );

    expect(config).toMatchObject({
      serverUrls: ['http://explicit'],
      regionId: 'r',
      zoneId: 'z',
      flavor: 'java',
    });
  });

  it('uses the environment for an option set to undefined', () => {
    const config = resolveConfig({ ...BASE, regionId: undefined }, { ARTEMIS_REGION_ID: 'env-r' });

    expect(config.regionId).toBe('env-r');
  });

  it('ignores variables that are empty or only spaces', () => {
    const config = resolveConfig(BASE, { ARTEMIS_REGION_ID: '', ARTEMIS_FLAVOR: '   ' });

    expect(config.regionId).toBe('default');
    expect(config.flavor).toBe('auto');
  });

  it('ignores other variables', () => {
    const config = resolveConfig(BASE, { ARTEMIS_HEARTBEAT_INTERVAL_MS: '1', REGION_ID: 'x' });

    expect(config.heartbeatIntervalMs).toBe(5000);
    expect(config.regionId).toBe('default');
  });

  it('ignores an invalid variable whose option was set explicitly', () => {
    const config = resolveConfig({ ...BASE, flavor: 'java' }, { ARTEMIS_FLAVOR: 'cobol' });

    expect(config.flavor).toBe('java');
  });

  it('names the variable when its value is invalid', () => {
    const error = catchConfigError(() =>
      resolveConfig(
        {},
        {
          ARTEMIS_SERVER_URLS: 'http://ok,ftp://bob:hunter2@bad',
          ARTEMIS_FLAVOR: 'cobol',
        },
      ),
    );

    expect(error.issues.map(issue => issue.path).sort()).toEqual([
      'ARTEMIS_FLAVOR',
      'ARTEMIS_SERVER_URLS[1]',
    ]);
    expect(issueAt(error, 'ARTEMIS_SERVER_URLS[1]').message).toContain('must use http or https');
    expect(error.message).not.toContain('hunter2');
  });

  it('names ARTEMIS_SERVER_URLS when it lists no URL', () => {
    const error = catchConfigError(() => resolveConfig({}, { ARTEMIS_SERVER_URLS: ' , ,' }));

    expect(issueAt(error, 'ARTEMIS_SERVER_URLS').message).toBe('must list at least one server URL');
  });

  it('reads process.env when no environment is given', () => {
    const saved = process.env.ARTEMIS_ZONE_ID;
    process.env.ARTEMIS_ZONE_ID = 'from-process';
    try {
      expect(resolveConfig(BASE).zoneId).toBe('from-process');
    } finally {
      if (saved === undefined) delete process.env.ARTEMIS_ZONE_ID;
      else process.env.ARTEMIS_ZONE_ID = saved;
    }
  });

  it('lists every variable it reads', () => {
    expect(Object.keys(ENV_VARIABLES).sort()).toEqual([
      'ARTEMIS_FLAVOR',
      'ARTEMIS_REGION_ID',
      'ARTEMIS_SERVER_URLS',
      'ARTEMIS_ZONE_ID',
    ]);
  });
});
