import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator, EmulatorFlavor } from '../src/index.js';
import { get, javaInstance, post, rustKey, settle, TestSocket } from './helpers.js';

/** What each flavour answers a successful register with, and how to get one frame back. */
const FLAVORS: Record<
  EmulatorFlavor,
  { registered: string; socketPath: string; probe: unknown; probeReply: RegExp }
> = {
  java: {
    registered:
      '{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}',
    socketPath: 'ws/registry/heartbeat',
    probe: { instances: [javaInstance()] },
    probeReply: /"responseStatus"/,
  },
  rust: {
    registered: '{"responseStatus":{"errorCode":"success"}}',
    socketPath: 'ws',
    probe: { type: 'ping' },
    probeReply: /^\{"type":"pong"\}$/,
  },
};

/** A heartbeat body both flavours read: Java takes `instances`, Rust `instanceKeys`. */
const dualHeartbeat = { instances: [javaInstance()], instanceKeys: [rustKey()] };

describe.each(['java', 'rust'] as const)('%s emulator faults', flavor => {
  const expected = FLAVORS[flavor];
  let emulator: ArtemisEmulator;
  const sockets: TestSocket[] = [];
  const api = (path: string) => `${emulator.url}/api/registry/${path}`;
  const register = () => post(api('register.json'), { instances: [javaInstance()] });
  const open = async () => {
    const socket = await TestSocket.open(`${emulator.url}/${expected.socketPath}`);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await emulator.close();
  });

  it('answers as a node that is not up while serviceUnavailable is on', async () => {
    emulator.faults.serviceUnavailable(true);
    const reply = await register();

    if (flavor === 'java') {
      expect(reply.status).toBe(200);
      expect(reply.json().responseStatus).toEqual({
        errorCode: 'service-unavailable',
        message: 'Serivce registry is not in up state. Current status: down',
        status: 'fail',
      });
    } else {
      expect(reply.status).toBe(503);
      expect((await get(`${emulator.url}/health`)).status).toBe(503);
      await expect(open()).rejects.toThrow(/503/);
    }
    expect(emulator.instances()).toHaveLength(0);

    emulator.faults.serviceUnavailable(false);
    expect((await register()).text).toBe(expected.registered);
  });

  it('fails exactly the next N requests with the chosen status, upgrades only when asked', async () => {
    emulator.faults.failNext(2, 502);

    const first = await register();
    expect(first.status).toBe(502);
    expect(first.text).toBe('Injected failure 502');
    const socket = await open();
    expect((await register()).status).toBe(502);
    expect((await register()).text).toBe(expected.registered);

    emulator.faults.failNext(1, 500, { includeUpgrades: true });
    await expect(open()).rejects.toThrow(/500/);
    socket.send(expected.probe);
    expect(await socket.nth(1)).toMatch(expected.probeReply);
  });

  it('sends a Retry-After header with planned failures when asked', async () => {
    emulator.faults.failNext(1, 429, { retryAfter: 3 });
    const limited = await register();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');

    emulator.faults.failNext(1, 503);
    expect((await register()).headers.get('retry-after')).toBeNull();
  });

  it('holds replies back while latency is on', async () => {
    emulator.faults.latency(60_000);
    let answered = false;
    const pending = register().then(
      () => (answered = true),
      () => 'connection closed',
    );

    await emulator.waitForRequest(request => request.path.endsWith('register.json'));
    await settle();
    expect(answered).toBe(false);
    await emulator.stop();
    expect(await pending).toBe('connection closed');

    await emulator.start();
    emulator.faults.latency(20);
    expect((await register()).text).toBe(expected.registered);
    const socket = await open();
    socket.send(expected.probe);
    expect(await socket.nth(1)).toMatch(expected.probeReply);
  });

  it('records but never answers requests, frames, handshakes or pings while stalled', async () => {
    const socket = await open();
    let ponged = false;
    socket.ws.on('pong', () => (ponged = true));
    emulator.faults.stall(true);

    const reply = fetch(api('register.json'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [javaInstance()] }),
      signal: AbortSignal.timeout(300),
    });
    await expect(reply).rejects.toThrow(/aborted/i);
    socket.send(expected.probe);
    socket.ws.ping();
    const handshake = TestSocket.open(`${emulator.url}/${expected.socketPath}`).then(
      late => late.close(),
      () => undefined,
    );
    await emulator.waitForFrame(() => true);
    await emulator.waitFor(() => emulator.requests.length === 3);
    await settle();

    expect(emulator.requests.map(request => request.method)).toEqual(['GET', 'POST', 'GET']);
    expect(socket.messages).toHaveLength(0);
    expect(ponged).toBe(false);
    expect(emulator.instances()).toHaveLength(0);

    emulator.faults.stall(false);
    expect((await register()).text).toBe(expected.registered);
    await emulator.stop();
    await handshake;
  });

  it('closes every socket with the chosen code, or drops it for 1006', async () => {
    const polite = await open();
    emulator.faults.closeSockets(4001, 'going away');
    expect(await polite.closed).toEqual({ code: 4001, reason: 'going away' });

    const rude = await open();
    emulator.faults.closeSockets(1006);
    expect((await rude.closed).code).toBe(1006);
  });

  it('forgets every lease without a delete when state is cleared', async () => {
    await register();
    const changes: string[] = [];
    emulator.store.onChange(change => changes.push(change.changeType));

    emulator.faults.clearState();

    expect(emulator.instances()).toHaveLength(0);
    expect(changes).toEqual([]);
    const reply = (await post(api('heartbeat.json'), dualHeartbeat)).json();
    if (flavor === 'java') expect(reply.failedInstances[0].errorCode).toBe('data-not-found');
    else expect(reply.failedInstanceKeys).toEqual([rustKey()]);
  });

  it('serves the same port and data after stop and start, and nothing after a lost state', async () => {
    await register();
    const { port, url } = emulator;

    await emulator.stop();
    expect(emulator.isRunning).toBe(false);
    await expect(register()).rejects.toThrow();

    await emulator.start();
    expect(emulator.port).toBe(port);
    expect(emulator.url).toBe(url);
    expect(emulator.instances()).toHaveLength(1);

    await emulator.stop();
    emulator.faults.clearState();
    await emulator.start();
    expect(emulator.instances()).toHaveLength(0);
    expect((await post(api('heartbeat.json'), dualHeartbeat)).text).not.toBe(expected.registered);
  });

  it('turns every switch off with reset()', async () => {
    emulator.faults.serviceUnavailable(true);
    emulator.faults.failNext(5);
    emulator.faults.latency(60_000);
    emulator.faults.garbage('html');
    emulator.faults.dropPushes(true);

    emulator.faults.reset();

    expect(emulator.faults.isServiceUnavailable).toBe(false);
    expect(emulator.faults.latencyMs).toBe(0);
    expect(emulator.faults.garbageKind).toBeNull();
    expect(emulator.faults.isDroppingPushes).toBe(false);
    expect((await register()).text).toBe(expected.registered);
  });
});
