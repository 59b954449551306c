import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { javaInstance, settle, TestSocket } from './helpers.js';

const FIXED =
  '{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}';

describe('java emulator websockets', () => {
  let emulator: ArtemisEmulator;
  const sockets: TestSocket[] = [];
  const open = async (path: string) => {
    const socket = await TestSocket.open(`${emulator.url}/${path}`);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await emulator.close();
  });

  it('answers each heartbeat frame with one reply, in order', async () => {
    emulator.registerInstance(javaInstance());
    const socket = await open('ws/registry/heartbeat');

    socket.send({ instances: [javaInstance()] });
    socket.send({ instances: [javaInstance({ instanceId: 'ghost' })] });

    expect(await socket.nth(1)).toBe(FIXED);
    const second = JSON.parse(await socket.nth(2));
    expect(second.failedInstances[0].errorCode).toBe('data-not-found');
    expect(emulator.frames).toHaveLength(2);
  });

  it('answers a broken heartbeat frame with the fixed success reply', async () => {
    const socket = await open('ws/registry/heartbeat');
    socket.send('{not json');
    expect(await socket.nth(1)).toBe(FIXED);
  });

  it('pushes changes to exact-case subscribers only, changeTime in epoch ms, with no ack', async () => {
    const exact = await open('ws/discovery/instance-change');
    const otherCase = await open('ws/discovery/instance-change');
    exact.send({ discoveryData: null, regionId: null, serviceId: 'demo.hello', zoneId: null });
    otherCase.send({ serviceId: 'DEMO.HELLO' });
    await emulator.waitFor(() => emulator.frames.length === 2);

    emulator.registerInstance(javaInstance());
    const change = JSON.parse(await exact.nth(1));
    expect(Object.keys(change)).toEqual(['changeTime', 'changeType', 'instance']);
    expect(change.changeType).toBe('new');
    expect(typeof change.changeTime).toBe('number');
    expect(change.instance.serviceId).toBe('demo.hello');

    await settle();
    expect(exact.messages).toHaveLength(1);
    expect(otherCase.messages).toHaveLength(0);
  });

  it('pushes a delete when the cleaner removes an unregistered lease', async () => {
    emulator.registerInstance(javaInstance());
    const socket = await open('ws/discovery/instance-change');
    socket.send({ serviceId: 'demo.hello' });
    await emulator.waitForFrame(() => true);

    emulator.store.leases()[0]!.evicted = true;
    expect(JSON.parse(await socket.nth(1)).changeType).toBe('delete');
  });

  it('pushes a reload change with its placeholder instance to the subscribers of the service', async () => {
    const socket = await open('ws/discovery/instance-change');
    socket.send({ serviceId: 'demo.hello' });
    await emulator.waitForFrame(() => true);

    emulator.reloadService('demo.hello');

    const change = JSON.parse(await socket.nth(1));
    expect(change.changeType).toBe('reload');
    expect(change.instance).toEqual({
      groupId: null,
      healthCheckUrl: null,
      instanceId: 'reload',
      ip: '0.0.0.0',
      machineName: null,
      metadata: null,
      port: 0,
      protocol: null,
      regionId: null,
      serviceId: 'demo.hello',
      status: null,
      url: 'http://serviceId/reload',
      zoneId: null,
    });
    expect(emulator.instances()).toHaveLength(0);
  });

  it('pushes every change to all-instance-change sessions', async () => {
    const socket = await open('ws/discovery/all-instance-change');
    emulator.registerInstance(javaInstance({ serviceId: 'anything' }));
    expect(JSON.parse(await socket.nth(1)).instance.serviceId).toBe('anything');
  });

  it('drops pushes while the dropPushes fault is on', async () => {
    const socket = await open('ws/discovery/instance-change');
    socket.send({ serviceId: 'demo.hello' });
    await emulator.waitForFrame(() => true);

    emulator.faults.dropPushes(true);
    emulator.registerInstance(javaInstance());
    await settle();
    expect(socket.messages).toHaveLength(0);

    emulator.faults.dropPushes(false);
    emulator.registerInstance(javaInstance());
    expect(JSON.parse(await socket.nth(1)).changeType).toBe('new');
  });

  it('closes text frames over 8 KiB with 1009 and binary frames with 1003', async () => {
    const big = await open('ws/registry/heartbeat');
    big.send('x'.repeat(9 * 1024));
    expect((await big.closed).code).toBe(1009);

    const binary = await open('ws/discovery/instance-change');
    binary.ws.send(Buffer.from('{}'));
    expect((await binary.closed).code).toBe(1003);
  });

  it('cuts every session once it is older than the session TTL', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ sessionTtlMs: 100, sessionCheckIntervalMs: 20 });
    const socket = await open('ws/registry/heartbeat');
    expect(await socket.closed).toEqual({ code: 1000, reason: '' });
  });

  it('refuses the handshake on an unknown path', async () => {
    await expect(TestSocket.open(`${emulator.url}/ws`)).rejects.toThrow(/404/);
  });
});
