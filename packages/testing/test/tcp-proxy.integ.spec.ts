import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { startArtemisCluster, startArtemisEmulator, startTcpProxy } from '../src/index.js';
import type { ArtemisEmulator, TcpProxy } from '../src/index.js';
import { get, javaInstance, post, settle, TestSocket } from './helpers.js';

describe('tcp proxy in front of an emulator', () => {
  let emulator: ArtemisEmulator;
  let proxy: TcpProxy;
  const sockets: TestSocket[] = [];
  const open = async () => {
    const socket = await TestSocket.open(`${proxy.url}/ws/registry/heartbeat`);
    sockets.push(socket);
    return socket;
  };
  const register = (signal = AbortSignal.timeout(10_000)) =>
    fetch(`${proxy.url}/api/registry/register.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [javaInstance()] }),
      signal,
    });

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    proxy = await startTcpProxy({ target: emulator.url });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await proxy.close();
    await emulator.close();
  });

  it('keeps the scheme and context path of the target in its url and forwards both ways', async () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}/artemis`);
    expect(proxy.port).not.toBe(emulator.port);

    const reply = await post(`${proxy.url}/api/registry/register.json`, {
      instances: [javaInstance()],
    });

    expect(reply.json().responseStatus.status).toBe('success');
    expect(emulator.instances()).toHaveLength(1);
    const socket = await open();
    socket.send({ instances: [javaInstance()] });
    expect(JSON.parse(await socket.nth(1)).responseStatus.status).toBe('success');
    expect(proxy.connectionCount).toBeGreaterThanOrEqual(1);
  });

  it('holds open connections and new ones while paused, then delivers what waited', async () => {
    emulator.registerInstance(javaInstance());
    const socket = await open();
    proxy.pause();
    expect(proxy.isPaused).toBe(true);

    socket.send({ instances: [javaInstance()] });
    await expect(register(AbortSignal.timeout(300))).rejects.toThrow(/aborted/i);
    await settle();
    expect(emulator.frames).toHaveLength(0);
    expect(emulator.requests.filter(request => request.method === 'POST')).toHaveLength(0);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);

    proxy.resume();
    expect(JSON.parse(await socket.nth(1)).responseStatus.status).toBe('success');
    expect((await register()).status).toBe(200);
    expect(emulator.frames).toHaveLength(1);
  });

  it('resets open and new connections while paused in drop mode', async () => {
    const socket = await open();

    proxy.pause('drop');

    expect((await socket.closed).code).toBe(1006);
    await expect(register()).rejects.toThrow(/fetch failed/);
    await expect(open()).rejects.toThrow();
    proxy.resume();
    expect((await register()).status).toBe(200);
  });

  it('cuts every connection on demand and keeps accepting new ones', async () => {
    const first = await open();
    const second = await open();

    proxy.cutConnections();

    expect((await first.closed).code).toBe(1006);
    expect((await second.closed).code).toBe(1006);
    await emulator.waitFor(() => proxy.connectionCount === 0);
    const again = await open();
    again.send({ instances: [javaInstance()] });
    expect(await again.nth(1)).toContain('responseStatus');
  });

  it('closes every connection when the upstream server goes away', async () => {
    const socket = await open();
    await emulator.stop();

    expect((await socket.closed).code).toBe(1006);
    await expect(register()).rejects.toThrow(/fetch failed/);
    await emulator.waitFor(() => proxy.connectionCount === 0);
  });

  it('refuses connections once closed, idempotently', async () => {
    const socket = await open();
    await proxy.close();
    await proxy.close();

    expect((await socket.closed).code).toBe(1006);
    await expect(register()).rejects.toThrow(/fetch failed/);
  });
});

describe('tcp proxy with a host and port target', () => {
  let echo: Server;

  beforeEach(async () => {
    echo = createServer(socket => {
      socket.on('error', () => undefined);
      socket.pipe(socket);
    });
    await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => new Promise<void>(resolve => echo.close(() => resolve())));

  it('relays raw bytes and names itself with a tcp:// url', async () => {
    const { port } = echo.address() as AddressInfo;
    const proxy = await startTcpProxy({ target: { host: '127.0.0.1', port } });
    try {
      expect(proxy.url).toBe(`tcp://127.0.0.1:${proxy.port}`);
      const { connect } = await import('node:net');
      const client = connect(proxy.port, '127.0.0.1');
      const echoed = new Promise<string>(resolve =>
        client.once('data', data => resolve(String(data))),
      );
      client.write('hello through the proxy');
      expect(await echoed).toBe('hello through the proxy');
      client.destroy();
    } finally {
      await proxy.close();
    }
  });

  it('rejects a target URL without a port it can infer', async () => {
    await expect(startTcpProxy({ target: 'redis://127.0.0.1' })).rejects.toThrow(/No port/);
  });
});

describe('tcp proxies in front of a cluster', () => {
  it('lets up-nodes advertise the proxies, so a partition cannot be bypassed', async () => {
    const cluster = await startArtemisCluster({ flavor: 'java', size: 2 });
    const proxies = await Promise.all(
      cluster.nodes.map(node => startTcpProxy({ target: node.url })),
    );
    try {
      cluster.nodes.forEach((node, index) => (node.advertisedUrl = `${proxies[index]!.url}/`));

      const listed = (await get(`${proxies[0]!.url}/api/cluster/up-registry-nodes.json`)).json();
      const urls = listed.nodes.map((node: { url: string }) => node.url).sort();
      expect(urls).toEqual(proxies.map(proxy => `${proxy.url}/`).sort());

      cluster.nodes[0]!.advertisedUrl = undefined;
      const restored = (await get(`${proxies[1]!.url}/api/cluster/up-registry-nodes.json`)).json();
      expect(restored.nodes.map((node: { url: string }) => node.url)).toContain(
        `${cluster.nodes[0]!.url}/`,
      );
    } finally {
      await Promise.all(proxies.map(proxy => proxy.close()));
      await cluster.close();
    }
  });
});

describe('proxied cluster', () => {
  it('puts a proxy in front of every node, advertised everywhere, closed with the cluster', async () => {
    const cluster = await startArtemisCluster({ flavor: 'java', size: 2, proxied: true });
    const [firstProxy, secondProxy] = cluster.proxies;
    try {
      expect(cluster.urls).toEqual([firstProxy!.url, secondProxy!.url]);
      const listed = (await get(`${cluster.urls[0]}/api/cluster/up-discovery-nodes.json`)).json();
      expect(listed.nodes.map((node: { url: string }) => node.url).sort()).toEqual(
        cluster.urls.map(url => `${url}/`).sort(),
      );

      secondProxy!.pause('drop');
      await expect(post(`${cluster.urls[1]}/api/registry/register.json`, {})).rejects.toThrow();
      const reply = await post(`${cluster.urls[0]}/api/registry/register.json`, {
        instances: [javaInstance()],
      });
      expect(reply.json().responseStatus.status).toBe('success');
    } finally {
      await cluster.close();
    }
    await expect(get(`${cluster.urls[0]}/api/cluster/up-discovery-nodes.json`)).rejects.toThrow();
  });
});
