import * as umbrella from '../src/index';
import * as address from '@artemis/address';
import * as config from '@artemis/config';
import * as discovery from '@artemis/discovery';
import * as filters from '@artemis/filters';
import * as httpRetry from '@artemis/http-retry';
import * as metrics from '@artemis/metrics';
import * as protocol from '@artemis/protocol';
import * as registry from '@artemis/registry';
import * as websocket from '@artemis/websocket';

const packages = {
  '@artemis/protocol': protocol,
  '@artemis/config': config,
  '@artemis/address': address,
  '@artemis/http-retry': httpRetry,
  '@artemis/websocket': websocket,
  '@artemis/filters': filters,
  '@artemis/registry': registry,
  '@artemis/discovery': discovery,
  '@artemis/metrics': metrics,
};

describe('@artemis/client re-exports', () => {
  it.each(Object.entries(packages))(
    'every runtime export of %s, as the same value',
    (_, module) => {
      const names = Object.keys(module).filter(name => name !== 'default' && name !== '__esModule');
      expect(names.length).toBeGreaterThan(0);

      const missing = names.filter(name => !(name in umbrella));
      const different = names.filter(
        name =>
          name in umbrella &&
          (umbrella as Record<string, unknown>)[name] !== (module as Record<string, unknown>)[name],
      );
      expect(missing).toEqual([]);
      expect(different).toEqual([]);
    },
  );

  it('adds the wired client on top', () => {
    expect(typeof umbrella.createArtemisClient).toBe('function');
    expect(typeof umbrella.installShutdownHandlers).toBe('function');
    expect(umbrella.ArtemisClient).toBeDefined();
  });
});
