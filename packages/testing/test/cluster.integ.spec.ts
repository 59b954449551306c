import { startArtemisCluster } from '../src/index.js';
import type { ArtemisCluster } from '../src/index.js';
import { javaInstance, post, rustKey, TestSocket } from './helpers.js';

const dualKeys = { instances: [javaInstance()], instanceKeys: [rustKey()] };

describe.each(['java', 'rust'] as const)('%s emulator cluster', flavor => {
  let cluster: ArtemisCluster;
  const registry = (url: string, operation: string, body: unknown) =>
    post(`${url}/api/registry/${operation}.json`, body);
  const serviceOn = async (url: string) => {
    const reply = await post(`${url}/api/discovery/service.json`, {
      discoveryConfig: { serviceId: 'demo.hello', regionId: 'test', zoneId: 'test-z1' },
      regionId: 'test',
      zoneId: 'test-z1',
    });
    return (reply.json().service?.instances ?? []) as { instanceId: string }[];
  };

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor, size: 3 });
  });
  afterEach(() => cluster.close());

  it('starts distinct nodes that share one store', async () => {
    expect(new Set(cluster.urls).size).toBe(3);
    expect(cluster.nodes.every(node => node.flavor === flavor && node.isRunning)).toBe(true);
    expect(cluster.nodes.every(node => node.store === cluster.store)).toBe(true);
  });

  it('replicates register, heartbeat and unregister to every node', async () => {
    const [first, second, third] = cluster.urls as [string, string, string];

    await registry(first, 'register', { instances: [javaInstance()] });
    expect(await serviceOn(second)).toHaveLength(1);
    expect(await serviceOn(third)).toHaveLength(1);

    const renewed = (await registry(third, 'heartbeat', dualKeys)).json();
    expect(renewed.responseStatus.errorCode).toBe('success');

    await registry(second, 'unregister', dualKeys);
    await cluster.nodes[0]!.waitFor(() => cluster.store.leases().length === 0);
    for (const url of cluster.urls) expect(await serviceOn(url)).toHaveLength(0);
  });

  it('keeps serving from the other nodes while one is stopped, and the stopped one comes back', async () => {
    const [first, second] = cluster.nodes;
    await registry(first!.url, 'register', { instances: [javaInstance()] });

    await first!.stop();
    await expect(serviceOn(first!.url)).rejects.toThrow();
    expect(await serviceOn(second!.url)).toHaveLength(1);
    await registry(second!.url, 'register', {
      instances: [javaInstance({ instanceId: 'while-down' })],
    });

    await first!.start();
    const ids = (await serviceOn(first!.url)).map(instance => instance.instanceId).sort();
    expect(ids).toEqual(['10.0.0.5:8080', 'while-down']);
  });

  it('survives a rolling restart with every lease kept', async () => {
    await registry(cluster.urls[0]!, 'register', { instances: [javaInstance()] });

    for (const node of cluster.nodes) {
      const { port } = node;
      await node.stop();
      expect(
        (
          await registry(
            cluster.urls.find(url => url !== node.url)!,
            'heartbeat',
            dualKeys,
          )
        ).json().responseStatus.errorCode,
      ).toBe('success');
      await node.start();
      expect(node.port).toBe(port);
    }
    for (const url of cluster.urls) expect(await serviceOn(url)).toHaveLength(1);
  });

  it('loses every lease cluster-wide when one node clears the shared state', async () => {
    await registry(cluster.urls[0]!, 'register', { instances: [javaInstance()] });

    cluster.nodes[1]!.faults.clearState();

    for (const url of cluster.urls) expect(await serviceOn(url)).toHaveLength(0);
  });
});

describe('java emulator cluster pushes', () => {
  it('pushes a change registered on one node to a subscriber on another', async () => {
    const cluster = await startArtemisCluster({ flavor: 'java', size: 2 });
    const socket = await TestSocket.open(`${cluster.urls[1]}/ws/discovery/instance-change`);
    try {
      socket.send({ serviceId: 'demo.hello' });
      await cluster.nodes[1]!.waitForFrame(() => true);

      await post(`${cluster.urls[0]}/api/registry/register.json`, { instances: [javaInstance()] });

      const change = JSON.parse(await socket.nth(1));
      expect(change.changeType).toBe('new');
      expect(change.instance.instanceId).toBe('10.0.0.5:8080');
    } finally {
      socket.close();
      await cluster.close();
    }
  });

  it('refuses a size that is not a positive integer', async () => {
    await expect(startArtemisCluster({ size: 0 })).rejects.toThrow(TypeError);
    await expect(startArtemisCluster({ size: 1.5 })).rejects.toThrow(TypeError);
  });
});
