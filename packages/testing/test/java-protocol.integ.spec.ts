import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post, TestSocket } from './helpers.js';

const RATE_LIMITED = {
  errorCode: 'rate-limited',
  message: 'Request is rate limited.',
  status: 'fail',
};

describe('java emulator protocol details', () => {
  let emulator: ArtemisEmulator;
  const sockets: TestSocket[] = [];
  const open = async (path: string) => {
    const socket = await TestSocket.open(`${emulator.url}/${path}`);
    sockets.push(socket);
    return socket;
  };

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await emulator.close();
  });

  it('limits text frames to 8192 characters, not bytes, closing with 1009 beyond', async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    const socket = await open('ws/discovery/all-instance-change');

    socket.send('x'.repeat(8192));
    socket.send('é'.repeat(8000));
    await emulator.waitFor(() => emulator.frames.length === 2);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);

    socket.send('x'.repeat(8193));
    expect((await socket.closed).code).toBe(1009);
  });

  it('rate-limits WebSocket heartbeats and up-nodes calls, never discovery', async () => {
    emulator = await startArtemisEmulator({
      flavor: 'java',
      rateLimit: { limit: 1, windowMs: 60_000 },
    });
    emulator.registerInstance(javaInstance());
    const socket = await open('ws/registry/heartbeat');

    socket.send({ instances: [javaInstance()] });
    socket.send({ instances: [javaInstance()] });
    expect(JSON.parse(await socket.nth(1)).responseStatus.status).toBe('success');
    expect(JSON.parse(await socket.nth(2)).responseStatus).toEqual(RATE_LIMITED);

    const nodes = `${emulator.url}/api/cluster/up-discovery-nodes.json`;
    expect((await get(nodes)).json().responseStatus.status).toBe('success');
    expect((await get(nodes)).json()).toEqual({ nodes: null, responseStatus: RATE_LIMITED });

    const lookup = { discoveryConfig: { serviceId: 'demo.hello' }, regionId: 'test' };
    for (let i = 0; i < 3; i += 1) {
      const reply = (await post(`${emulator.url}/api/discovery/service.json`, lookup)).json();
      expect(reply.responseStatus.status).toBe('success');
    }
  });

  it('counts each operation on its own and lets calls through again after the window', async () => {
    emulator = await startArtemisEmulator({
      flavor: 'java',
      rateLimit: { limit: 1, windowMs: 1500 },
    });
    const call = (operation: string) =>
      post(`${emulator.url}/api/registry/${operation}.json`, { instances: [javaInstance()] });

    expect((await call('register')).json().responseStatus.status).toBe('success');
    expect((await call('register')).json().responseStatus).toEqual(RATE_LIMITED);
    expect((await call('heartbeat')).json().responseStatus.status).toBe('success');

    // Rejected calls are not counted, so polling gets through once the window has room.
    await emulator.waitFor(
      async () => (await call('register')).json().responseStatus.status === 'success',
      10_000,
    );
  });

  it('serves under any context path, or none', async () => {
    emulator = await startArtemisEmulator({ flavor: 'java', contextPath: 'artemis-service/' });
    expect(emulator.url).toMatch(/\/artemis-service$/);
    const reply = await post(`${emulator.url}/api/registry/register.json`, {
      instances: [javaInstance()],
    });
    expect(reply.json().responseStatus.status).toBe('success');
    await emulator.close();

    emulator = await startArtemisEmulator({ flavor: 'java', contextPath: '' });
    expect(emulator.url).toMatch(/:\d+$/);
    expect(
      (await post(`${emulator.url}/api/registry/register.json`, { instances: [] })).status,
    ).toBe(200);
  });

  it('treats an empty serviceId query value as present, then refuses it with bad-request', async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    const reply = await get(`${emulator.url}/api/discovery/service.json?serviceId=&regionId=test`);
    expect(reply.status).toBe(200);
    expect(reply.json().responseStatus.errorCode).toBe('bad-request');
  });

  it('answers OPTIONS with 200, has no GET delta, and names the allowed methods on 405', async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    const options = await fetch(`${emulator.url}/api/registry/register.json`, {
      method: 'OPTIONS',
    });
    expect(options.status).toBe(200);
    expect(options.headers.get('access-control-allow-origin')).toBe('*');

    expect((await get(`${emulator.url}/api/discovery/services-delta.json`)).status).toBe(405);
    const wrong = await fetch(`${emulator.url}/api/discovery/service.json`, { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expect((await get(`${emulator.url}/health`)).status).toBe(404);
    const head = await fetch(`${emulator.url}/api/discovery/services.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
