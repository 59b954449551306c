import { gzipSync } from 'node:zlib';
import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post, TestSocket } from './helpers.js';

describe.each(['java', 'rust'] as const)('%s emulator request and frame log', flavor => {
  let emulator: ArtemisEmulator;

  afterEach(() => emulator.close());

  it('records method, path, query, headers and the decoded body of every request', async () => {
    emulator = await startArtemisEmulator({ flavor });
    const base = new URL(emulator.url).pathname.replace(/\/$/, '');

    await post(
      `${emulator.url}/api/registry/register.json`,
      { instances: [javaInstance()] },
      {
        'x-trace': 'abc',
      },
    );
    await post(`${emulator.url}/api/registry/heartbeat.json`, 'not json at all');
    const zipped = gzipSync(JSON.stringify({ instances: [] }));
    await post(`${emulator.url}/api/registry/unregister.json`, new Uint8Array(zipped), {
      'content-encoding': 'gzip',
    });
    await get(`${emulator.url}/api/discovery/service.json?serviceId=demo.hello&regionId=test`);

    const [register, heartbeat, unregister, service] = emulator.requests;
    expect(register).toMatchObject({
      method: 'POST',
      path: `${base}/api/registry/register.json`,
      query: {},
      body: { instances: [expect.objectContaining({ serviceId: 'demo.hello' })] },
    });
    expect(register!.headers['x-trace']).toBe('abc');
    expect(typeof register!.receivedAt).toBe('number');
    expect(heartbeat!.body).toBe('not json at all');
    expect(unregister!.body).toEqual({ instances: [] });
    expect(service).toMatchObject({
      method: 'GET',
      query: { serviceId: 'demo.hello', regionId: 'test' },
      body: undefined,
    });
  });

  it('keeps only the newest entries when bounded, and forgets them on clearLog', async () => {
    emulator = await startArtemisEmulator({ flavor, maxLogEntries: 2 });
    for (const id of ['a', 'b', 'c']) {
      await post(`${emulator.url}/api/registry/register.json`, {
        instances: [javaInstance({ instanceId: id })],
      });
    }
    const socket = await TestSocket.open(
      `${emulator.url}/${flavor === 'java' ? 'ws/discovery/all-instance-change' : 'ws'}`,
    );
    try {
      for (const text of ['1', '2', '3']) socket.send(`{"type":"ping","n":${text}}`);
      await emulator.waitFor(() => emulator.frames.some(frame => frame.data.includes('"n":3')));

      const ids = emulator.requests
        .filter(request => request.method === 'POST')
        .map(
          request =>
            (request.body as { instances: { instanceId: string }[] }).instances[0]!.instanceId,
        );
      expect(emulator.requests).toHaveLength(2);
      expect(ids).toEqual(['c']);
      expect(emulator.frames.map(frame => JSON.parse(frame.data).n)).toEqual([2, 3]);
      expect(emulator.frames[0]!.binary).toBe(false);

      emulator.clearLog();
      expect(emulator.requests).toHaveLength(0);
      expect(emulator.frames).toHaveLength(0);
    } finally {
      socket.close();
    }
  });

  it('counts the connections and WebSockets open right now', async () => {
    emulator = await startArtemisEmulator({ flavor });
    const path = flavor === 'java' ? 'ws/registry/heartbeat' : 'ws';
    const first = await TestSocket.open(`${emulator.url}/${path}`);
    const second = await TestSocket.open(`${emulator.url}/${path}`);

    expect(emulator.webSocketCount).toBe(2);
    expect(emulator.connectionCount).toBeGreaterThanOrEqual(2);

    first.close();
    second.close();
    await emulator.waitFor(() => emulator.webSocketCount === 0);
    await emulator.stop();
    expect(emulator.connectionCount).toBe(0);
  });

  it('refuses a negative log bound', async () => {
    await expect(startArtemisEmulator({ flavor, maxLogEntries: -1 })).rejects.toThrow(TypeError);
    emulator = await startArtemisEmulator({ flavor });
  });
});
