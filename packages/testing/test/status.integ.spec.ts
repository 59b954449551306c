import { startArtemisCluster, startArtemisEmulator } from '../src/index.js';
import type { ArtemisCluster, ArtemisEmulator } from '../src/index.js';
import { get, post, TestSocket } from './helpers.js';

describe('java emulator status endpoints', () => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor: 'java', size: 2 });
  });
  afterEach(() => cluster.close());

  it('reports the node as up, then down while faulted, in the Java shape', async () => {
    const [node] = cluster.nodes;
    const url = `${node!.url}/api/status/node.json`;

    const reply = await get(url);
    expect(reply.text).toBe(
      JSON.stringify({
        nodeStatus: {
          node: {
            url: `${node!.url}/`,
            zone: { metadata: null, regionId: 'test', zoneId: 'test-z1' },
          },
          status: 'up',
        },
        responseStatus: { errorCode: 'success', message: '', status: 'success' },
      }),
    );

    node!.faults.serviceUnavailable(true);
    expect((await post(url, {})).json().nodeStatus.status).toBe('down');
  });

  it('lists every node of the cluster with its status', async () => {
    const [first, second] = cluster.nodes;
    await second!.stop();

    const reply = (await get(`${first!.url}/api/status/cluster.json`)).json();

    expect(reply.nodeCount).toBe(2);
    const statuses = Object.fromEntries(
      reply.nodesStatus.map((s: { node: { url: string }; status: string }) => [
        s.node.url,
        s.status,
      ]),
    );
    expect(statuses).toEqual({ [`${first!.url}/`]: 'up', [`${second!.url}/`]: 'down' });
  });

  it('counts heartbeat and instance-change sessions as strings', async () => {
    const [node] = cluster.nodes;
    const sockets = await Promise.all([
      TestSocket.open(`${node!.url}/ws/registry/heartbeat`),
      TestSocket.open(`${node!.url}/ws/discovery/instance-change`),
      TestSocket.open(`${node!.url}/ws/discovery/instance-change`),
      TestSocket.open(`${node!.url}/ws/discovery/all-instance-change`),
    ]);
    try {
      const reply = await get(`${node!.url}/api/status/message/connections.json`);
      expect(reply.json()).toEqual({ discovery: '2', registry: '1' });
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

describe('rust emulator status endpoints', () => {
  let emulator: ArtemisEmulator;

  afterEach(() => emulator.close());

  it('reports itself up with every flag true and its listen address as the URL', async () => {
    emulator = await startArtemisEmulator({
      flavor: 'rust',
      regionId: 'default',
      zoneId: 'default',
    });

    const reply = (await get(`${emulator.url}/api/status/node.json`)).json();

    expect(reply).toEqual({
      nodeStatus: {
        node: {
          nodeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          url: `http://127.0.0.1:${emulator.port}`,
          regionId: 'default',
          zoneId: 'default',
        },
        status: 'up',
        canServiceDiscovery: true,
        canServiceRegistry: true,
        allowRegistryFromOtherZone: true,
        allowDiscoveryFromOtherZone: true,
      },
      responseStatus: { errorCode: 'success' },
    });
    expect((await post(`${emulator.url}/api/status/node.json`, {})).json()).toEqual(reply);
    expect((await post(`${emulator.url}/api/status/node.json`, [])).status).toBe(422);
    expect((await get(`${emulator.url}/api/status/node`)).status).toBe(404);
  });

  it('lists itself first, then the healthy peers', async () => {
    const cluster = await startArtemisCluster({ flavor: 'rust', size: 3 });
    emulator = cluster.nodes[0]!;
    try {
      await cluster.nodes[2]!.stop();

      const reply = (await get(`${cluster.urls[1]}/api/status/cluster.json`)).json();

      expect(reply.nodeCount).toBe(2);
      expect(reply.nodesStatus.map((s: { node: { url: string } }) => s.node.url)).toEqual([
        `http://127.0.0.1:${cluster.nodes[1]!.port}`,
        `http://127.0.0.1:${cluster.nodes[0]!.port}`,
      ]);
    } finally {
      await cluster.close();
    }
  });
});
