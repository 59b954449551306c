import { startArtemisCluster, startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post } from './helpers.js';

describe('java emulator discovery', () => {
  let emulator: ArtemisEmulator;
  const api = (path: string) => `${emulator.url}/api/discovery/${path}`;
  const ctx = { regionId: 'test', zoneId: 'test-z1' };

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    emulator.registerInstance(javaInstance({ instanceId: 'a', status: 'up' }));
    emulator.registerInstance(javaInstance({ instanceId: 'b', status: 'down' }));
  });
  afterEach(() => emulator.close());

  it('returns every instance whatever its status, in full Java shape', async () => {
    const reply = (
      await post(api('service.json'), { discoveryConfig: { serviceId: 'demo.hello' }, ...ctx })
    ).json();

    expect(reply.responseStatus.status).toBe('success');
    expect(Object.keys(reply.service)).toEqual([
      'instances',
      'logicInstances',
      'metadata',
      'routeRules',
      'serviceId',
    ]);
    expect(reply.service.instances.map((i: { status: string }) => i.status).sort()).toEqual([
      'down',
      'up',
    ]);
  });

  it('is case-sensitive on serviceId and answers an unknown service with instances null', async () => {
    const reply = (
      await post(api('service.json'), { discoveryConfig: { serviceId: 'DEMO.HELLO' }, ...ctx })
    ).json();
    expect(reply.responseStatus.status).toBe('success');
    expect(reply.service).toEqual({
      instances: null,
      logicInstances: null,
      metadata: null,
      routeRules: null,
      serviceId: 'DEMO.HELLO',
    });
  });

  it('serves the GET form and answers 400 without serviceId', async () => {
    const reply = (await get(`${api('service.json')}?serviceId=demo.hello&regionId=test`)).json();
    expect(reply.service.instances).toHaveLength(2);
    expect((await get(`${api('service.json')}?regionId=test`)).status).toBe(400);
  });

  it('refuses another region with no-permission and a blank serviceId with bad-request', async () => {
    const wrong = (
      await post(api('service.json'), {
        discoveryConfig: { serviceId: 'demo.hello' },
        regionId: 'x',
      })
    ).json();
    expect(wrong.responseStatus.errorCode).toBe('no-permission');
    expect(wrong.service).toBeNull();

    const blank = (
      await post(api('service.json'), { discoveryConfig: { serviceId: '' }, ...ctx })
    ).json();
    expect(blank.responseStatus.errorCode).toBe('bad-request');
  });

  it('looks up one service per config in order, unknown ones empty, failed ones quietly null', async () => {
    const reply = (
      await post(api('lookup.json'), {
        discoveryConfigs: [{ serviceId: 'nope' }, { serviceId: 'demo.hello' }],
        ...ctx,
      })
    ).json();
    expect(reply.responseStatus.status).toBe('success');
    expect(reply.services.map((s: { serviceId: string }) => s.serviceId)).toEqual([
      'nope',
      'demo.hello',
    ]);
    expect(reply.services[0].instances).toEqual([]);
    expect(reply.services[1].instances).toHaveLength(2);

    const wrongRegion = (
      await post(api('lookup.json'), {
        discoveryConfigs: [{ serviceId: 'demo.hello' }],
        regionId: 'x',
      })
    ).json();
    expect(wrongRegion.responseStatus.status).toBe('success');
    expect(wrongRegion.services[0].instances).toBeNull();
  });

  it('answers lookup without configs with internal-service-error', async () => {
    const reply = (await post(api('lookup.json'), ctx)).json();
    expect(reply.responseStatus.errorCode).toBe('internal-service-error');
  });

  it('lists every service with instances in services.json, version 0, POST and GET', async () => {
    const posted = (await post(api('services.json'), ctx)).json();
    expect(posted.version).toBe(0);
    expect(posted.services).toHaveLength(1);
    expect(posted.services[0].instances).toHaveLength(2);
    expect((await get(api('services.json'))).json().services).toHaveLength(1);
  });

  it('never finds a delta version', async () => {
    const reply = (await post(api('services-delta.json'), { ...ctx, version: 1 })).json();
    expect(reply).toEqual({
      delta: null,
      responseStatus: {
        errorCode: 'data-not-found',
        message: 'Delta is not found.',
        status: 'fail',
      },
      version: 0,
    });
  });
});

describe('java emulator cluster', () => {
  it('lists the nodes that are up, drops stopped and faulted ones, then reports none', async () => {
    const cluster = await startArtemisCluster({ flavor: 'java', size: 3 });
    try {
      const [first, second, third] = cluster.nodes;
      const nodesUrl = `${first!.url}/api/cluster/up-registry-nodes.json`;
      const urls = async () =>
        ((await post(nodesUrl, { regionId: 'test', zoneId: 'test-z1' })).json().nodes ?? []).map(
          (node: { url: string }) => node.url,
        );

      expect((await urls()).sort()).toEqual(cluster.urls.map(url => `${url}/`).sort());
      const node = (await get(`${first!.url}/api/cluster/up-discovery-nodes.json`)).json().nodes[0];
      expect(node.zone).toEqual({ metadata: null, regionId: 'test', zoneId: 'test-z1' });

      await second!.stop();
      third!.faults.serviceUnavailable(true);
      expect(await urls()).toEqual([`${first!.url}/`]);

      first!.faults.serviceUnavailable(true);
      const none = (await post(nodesUrl, {})).json();
      expect(none).toEqual({
        nodes: null,
        responseStatus: {
          errorCode: 'data-not-found',
          message: 'No available service nodes.',
          status: 'fail',
        },
      });
    } finally {
      await cluster.close();
    }
  });

  it('shares registrations between nodes and lists seed URLs', async () => {
    const cluster = await startArtemisCluster({ size: 2, seed: ['http://10.9.9.9:1/artemis/'] });
    try {
      const [first, second] = cluster.nodes;
      await post(`${first!.url}/api/registry/register.json`, { instances: [javaInstance()] });
      expect(second!.instances('demo.hello')).toHaveLength(1);

      const nodes = (await get(`${second!.url}/api/cluster/up-registry-nodes.json`)).json().nodes;
      expect(nodes.map((n: { url: string }) => n.url)).toContain('http://10.9.9.9:1/artemis/');
    } finally {
      await cluster.close();
    }
  });
});
