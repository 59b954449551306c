import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post, settle, TestSocket } from './helpers.js';

const config = { serviceId: 'demo.hello', regionId: 'test', zoneId: 'test-z1' };

describe('rust emulator discovery', () => {
  let emulator: ArtemisEmulator;
  const api = (path: string) => `${emulator.url}/api/discovery/${path}`;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'rust' });
    emulator.registerInstance(javaInstance({ instanceId: 'a', status: 'up' }));
    emulator.registerInstance(javaInstance({ instanceId: 'b', status: 'down' }));
  });
  afterEach(() => emulator.close());

  it('returns only up instances from service.json, case-insensitively, optionals left out', async () => {
    const reply = await post(api('service.json'), {
      discoveryConfig: { ...config, serviceId: 'DEMO.Hello' },
    });

    expect(reply.json()).toEqual({
      responseStatus: { errorCode: 'success' },
      service: {
        serviceId: 'demo.hello',
        instances: [
          {
            regionId: 'test',
            zoneId: 'test-z1',
            serviceId: 'demo.hello',
            instanceId: 'a',
            ip: '10.0.0.5',
            port: 8080,
            protocol: 'http',
            url: 'http://10.0.0.5:8080/hello',
            status: 'up',
          },
        ],
      },
    });
    const bare = (await post(api('service'), { discoveryConfig: config })).json();
    expect(bare.service.instances).toHaveLength(1);
  });

  it('answers an unknown service with bad-request and no service, a filtered one with []', async () => {
    const unknown = await post(api('service.json'), {
      discoveryConfig: { ...config, serviceId: 'Nope' },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.text).toBe(
      '{"responseStatus":{"errorCode":"bad-request","errorMessage":"Service not found: nope"}}',
    );

    emulator.registerInstance(javaInstance({ serviceId: 'sleepy', status: 'starting' }));
    const filtered = (
      await post(api('service.json'), { discoveryConfig: { ...config, serviceId: 'sleepy' } })
    ).json();
    expect(filtered).toEqual({
      responseStatus: { errorCode: 'success' },
      service: { serviceId: 'sleepy', instances: [] },
    });
  });

  it('requires serviceId, regionId and zoneId inside discoveryConfig (422)', async () => {
    const javaShape = await post(api('service.json'), {
      discoveryConfig: { serviceId: 'demo.hello' },
      regionId: 'test',
      zoneId: 'test-z1',
    });
    expect(javaShape.status).toBe(422);
    expect(javaShape.text).toContain('missing field `regionId`');
  });

  it('serves the GET form of service.json and answers 400 without serviceId', async () => {
    const reply = (await get(`${api('service.json')}?serviceId=demo.hello`)).json();
    expect(reply.service.instances).toHaveLength(1);

    const missing = await get(api('service.json'));
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('missing field `serviceId`');
  });

  it('lists every instance of every service in services.json, with no version', async () => {
    const reply = (await post(api('services.json'), { regionId: 'any', zoneId: 'any' })).json();

    expect(Object.keys(reply)).toEqual(['responseStatus', 'services']);
    expect(reply.services).toHaveLength(1);
    expect(reply.services[0].instances.map((i: { status: string }) => i.status).sort()).toEqual([
      'down',
      'up',
    ]);
    expect((await get(api('services'))).json().services).toHaveLength(1);
    expect((await post(api('services.json'), { regionId: 'test' })).status).toBe(422);
  });

  it('picks one up instance in lookup.json, round robin, with 404 JSON failures', async () => {
    emulator.registerInstance(javaInstance({ instanceId: 'c', status: 'up' }));
    const pick = async () =>
      (await post(api('lookup.json'), { discoveryConfig: config, strategy: 'round-robin' })).json();

    const picked = [(await pick()).instance.instanceId, (await pick()).instance.instanceId];
    expect(picked.sort()).toEqual(['a', 'c']);
    expect((await pick()).success).toBe(true);

    const unknown = await post(api('lookup.json'), {
      discoveryConfig: { ...config, serviceId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ success: false, message: 'Service not found: nope' });

    emulator.registerInstance(javaInstance({ serviceId: 'sleepy', status: 'down' }));
    const noneUp = await post(api('lookup.json'), {
      discoveryConfig: { ...config, serviceId: 'sleepy' },
    });
    expect(noneUp.status).toBe(404);
    expect(noneUp.json().message).toBe('No instances found for service: sleepy');
  });

  it('refuses a Java lookup body with 422 and serves lookup only with the .json suffix', async () => {
    const javaBody = await post(api('lookup.json'), { discoveryConfigs: [config] });
    expect(javaBody.status).toBe(422);
    expect((await post(api('lookup'), { discoveryConfig: config })).status).toBe(404);
  });

  it('names a service as last registered until an instance leaves, then in lowercase', async () => {
    emulator.registerInstance(javaInstance({ serviceId: 'Mixed.Case', instanceId: 'm1' }));
    emulator.registerInstance(javaInstance({ serviceId: 'Mixed.Case', instanceId: 'm2' }));
    const name = async () =>
      (
        await post(api('service.json'), { discoveryConfig: { ...config, serviceId: 'mixed.case' } })
      ).json().service.serviceId;
    const listed = async () =>
      (await get(api('services.json')))
        .json()
        .services.map((s: { serviceId: string }) => s.serviceId);

    expect(await name()).toBe('Mixed.Case');
    expect(await listed()).toContain('Mixed.Case');

    await post(`${emulator.url}/api/registry/unregister.json`, {
      instanceKeys: [{ ...config, serviceId: 'mixed.case', groupId: '', instanceId: 'm1' }],
    });
    expect(await name()).toBe('mixed.case');
    expect(await listed()).toContain('mixed.case');
  });

  it('shares one round-robin counter between services and names the service as sent on 404', async () => {
    emulator.registerInstance(javaInstance({ serviceId: 'other', instanceId: 'o1' }));
    emulator.registerInstance(javaInstance({ serviceId: 'other', instanceId: 'o2' }));
    const pick = async (serviceId: string) =>
      (
        await post(api('lookup.json'), {
          discoveryConfig: { ...config, serviceId },
          strategy: 'round-robin',
        })
      ).json().instance.instanceId;

    const first = await pick('other');
    await pick('demo.hello');
    expect(await pick('other')).toBe(first);

    const unknown = await post(api('lookup.json'), {
      discoveryConfig: { ...config, serviceId: 'NoPe' },
    });
    expect(unknown.json().message).toBe('Service not found: NoPe');
  });

  it('answers GET /health with the text OK', async () => {
    const reply = await get(`${emulator.url}/health`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(reply.text).toBe('OK');
  });

  it('has no up-nodes APIs, no services-delta and no Java context path (404)', async () => {
    for (const path of [
      'api/cluster/up-registry-nodes.json',
      'api/cluster/up-discovery-nodes.json',
      'api/discovery/services-delta.json',
      'artemis/api/registry/register.json',
    ]) {
      const reply = await post(`${emulator.url}/${path}`, { regionId: 'test', zoneId: 'test-z1' });
      expect(reply.status).toBe(404);
    }
    expect((await get(`${emulator.url}/api/cluster/up-registry-nodes.json`)).status).toBe(404);
  });
});

describe('rust emulator websocket', () => {
  let emulator: ArtemisEmulator;
  const sockets: TestSocket[] = [];
  const open = async () => {
    const socket = await TestSocket.open(`${emulator.url}/ws`);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'rust' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await emulator.close();
  });

  it('answers subscribe, unsubscribe and ping, in order', async () => {
    const socket = await open();
    socket.send({ type: 'subscribe', service_id: 'Demo.Hello' });
    socket.send({ type: 'unsubscribe', service_id: 'Demo.Hello' });
    socket.send({ type: 'ping' });

    await socket.nth(3);
    expect(socket.messages.map(message => JSON.parse(message))).toEqual([
      { type: 'subscribed', service_id: 'Demo.Hello' },
      { type: 'unsubscribed', service_id: 'Demo.Hello' },
      { type: 'pong' },
    ]);
    expect(emulator.frames.map(frame => frame.path)).toEqual(['/ws', '/ws', '/ws']);
  });

  it('never pushes a change to a subscriber', async () => {
    const socket = await open();
    socket.send({ type: 'subscribe', service_id: 'demo.hello' });
    await socket.nth(1);

    emulator.registerInstance(javaInstance());
    emulator.removeInstance(javaInstance());
    await settle();
    expect(socket.messages).toHaveLength(1);
  });

  it('answers bad frames with an error frame and keeps the socket open', async () => {
    const socket = await open();
    socket.send('{nope');
    socket.send({ type: 'subscribe' });
    socket.send({ type: 'watch', service_id: 'x' });
    socket.send({ type: 'subscribe', serviceId: 'camel.case' });
    socket.ws.send(Buffer.from('{"type":"ping"}'));
    socket.send({ type: 'ping' });

    await socket.nth(5);
    const frames = socket.messages.map(message => JSON.parse(message));
    expect(frames.slice(0, 4).map(frame => frame.type)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(frames[1].message).toBe('missing field `service_id`');
    expect(frames[2].message).toContain('unknown variant `watch`');
    expect(frames[4]).toEqual({ type: 'pong' });
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('answers WebSocket ping frames with pong frames', async () => {
    const socket = await open();
    const pong = new Promise<string>(resolve =>
      socket.ws.once('pong', data => resolve(String(data))),
    );
    socket.ws.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
  });

  it('has no Java socket paths', async () => {
    await expect(TestSocket.open(`${emulator.url}/ws/registry/heartbeat`)).rejects.toThrow(/404/);
  });
});
