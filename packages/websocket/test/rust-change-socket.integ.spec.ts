import { ClientClosedError } from '@artemis/protocol';
import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';

import { RustChangeSocket } from '../src/index';
import type { FastTunables, RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, named, recordEvents } from './helpers';

describe('RustChangeSocket against the Rust emulator', () => {
  let emulator: ArtemisEmulator;
  let rig: TestRig;
  let socket: RustChangeSocket;
  let events: RecordedEvent[];

  async function setUp(fast: FastTunables = {}): Promise<void> {
    emulator = await startArtemisEmulator({ flavor: 'rust' });
    rig = createRig(
      [emulator.url],
      {},
      { websocketPingIntervalMs: 60_000, websocketConnectTimeoutMs: 1_000, ...fast },
    );
    socket = new RustChangeSocket({
      config: rig.config,
      addresses: rig.addresses,
      reconnectDelayMs: 20,
    });
    events = recordEvents(socket.events, [
      'state',
      'reconnect',
      'frame-error',
      'session-closed',
      'session-rotated',
      'subscribed',
      'unsubscribed',
      'connect-error',
    ]);
  }

  afterEach(async () => {
    await socket?.close();
    await rig?.close();
    await emulator?.close();
  });

  const sentFrames = () =>
    emulator.frames.filter(frame => frame.path === '/ws').map(frame => JSON.parse(frame.data));
  const subscribeFrames = (serviceId: string) =>
    sentFrames().filter(frame => frame.type === 'subscribe' && frame.service_id === serviceId);
  const acks = (serviceId: string) =>
    named(events, 'subscribed').filter(event => event.payload['serviceId'] === serviceId);

  it('subscribes with a snake_case frame and reports the acknowledgement', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'Demo.Hello', regionId: 'test' });

    const ack = await eventually('the acknowledgement', () => acks('Demo.Hello')[0]);

    expect(ack.payload).toEqual({ side: 'discovery', serviceId: 'Demo.Hello', acknowledged: true });
    expect(sentFrames()).toEqual([{ type: 'subscribe', service_id: 'Demo.Hello' }]);
    expect(socket.subscriptions()).toEqual(['Demo.Hello']);
  });

  it('sends one subscribe per service, however often it is asked', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the acknowledgement', () => acks('demo.hello').length === 1);
    socket.subscribe({ serviceId: 'demo.hello' });
    await socket.ping();

    expect(subscribeFrames('demo.hello')).toHaveLength(1);
  });

  it('unsubscribes with a frame and reports the acknowledgement', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    socket.subscribe({ serviceId: 'demo.other' });
    await eventually('both acknowledgements', () => named(events, 'subscribed').length === 2);

    socket.unsubscribe('demo.hello');

    const ack = await eventually('the unsubscribe acknowledgement', () =>
      named(events, 'unsubscribed').at(0),
    );
    expect(ack.payload).toEqual({ side: 'discovery', serviceId: 'demo.hello' });
    expect(sentFrames().at(-1)).toEqual({ type: 'unsubscribe', service_id: 'demo.hello' });
    expect(socket.subscriptions()).toEqual(['demo.other']);
  });

  it('answers ping() with the server pong, several in flight', async () => {
    await setUp();

    await Promise.all([socket.ping(), socket.ping(), socket.ping()]);

    expect(sentFrames()).toEqual([{ type: 'ping' }, { type: 'ping' }, { type: 'ping' }]);
    expect(socket.state).toBe('open');
  });

  it('rejects ping() with WebSocketSendTimeoutError when the server stops answering', async () => {
    await setUp({ requestTimeoutMs: 200 });
    await socket.ping();

    emulator.faults.stall(true);

    await expect(socket.ping()).rejects.toMatchObject({ code: 'ARTEMIS_WS_SEND_TIMEOUT' });
  });

  it('subscribes to everything again after the server closes the socket', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    socket.subscribe({ serviceId: 'demo.other' });
    await eventually('both acknowledgements', () => named(events, 'subscribed').length === 2);

    emulator.faults.closeSockets(1011, 'internal error');

    await eventually('both acknowledged again', () => named(events, 'subscribed').length === 4);
    expect(subscribeFrames('demo.hello')).toHaveLength(2);
    expect(subscribeFrames('demo.other')).toHaveLength(2);
    expect(named(events, 'reconnect')[0]?.payload).toMatchObject({
      side: 'discovery',
      attempt: 1,
      reason: 'closed-by-server (1011)',
    });
    await socket.ping();
  });

  it('detects a server that stops answering pings and subscribes again once it is back', async () => {
    await setUp({
      websocketPingIntervalMs: 150,
      websocketPingTimeoutMs: 150,
      websocketConnectTimeoutMs: 300,
    });
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the acknowledgement', () => acks('demo.hello').length === 1);

    emulator.faults.stall(true);
    await eventually('a ping timeout', () =>
      named(events, 'session-closed').find(event => event.payload['reason'] === 'ping-timeout'),
    );
    emulator.faults.stall(false);

    await eventually('a new acknowledgement', () => acks('demo.hello').length >= 2);
    await socket.ping();
  });

  it('rotates its session at the maximum age and keeps every subscription', async () => {
    await setUp({ websocketSessionTtlMs: 300, websocketPingTimeoutMs: 50 });
    socket.subscribe({ serviceId: 'demo.hello' });
    socket.subscribe({ serviceId: 'demo.other' });

    const rotated = await eventually('a rotation', () => named(events, 'session-rotated')[0]);
    await eventually('both acknowledged on the new session', () => acks('demo.other').length >= 2);

    expect(rotated.payload['sessionId']).toBe((rotated.payload['previousSessionId'] as number) + 1);
    expect(acks('demo.hello').length).toBeGreaterThanOrEqual(2);
    expect(socket.subscriptions()).toEqual(['demo.hello', 'demo.other']);
    const closedBeforeRotation = events
      .slice(0, events.indexOf(rotated))
      .filter(event => event.name === 'state' && event.payload['state'] === 'closed');
    expect(closedBeforeRotation).toEqual([]);
  });

  it('reconnects after a server restart and subscribes again', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the acknowledgement', () => acks('demo.hello').length === 1);

    await emulator.stop();
    await eventually('a refused reconnect', () => named(events, 'connect-error').length >= 2);
    await emulator.start();

    await eventually('acknowledged after the restart', () => acks('demo.hello').length === 2);
    expect(named(events, 'connect-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_CONNECT_FAILED',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
  });

  it('skips and reports frames it cannot read, and keeps the session', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the acknowledgement', () => acks('demo.hello').length === 1);

    emulator.faults.garbage('wrong-types');
    const failedPing = socket.ping().catch(error => error);
    await eventually('a frame error', () => named(events, 'frame-error').length === 1);
    emulator.faults.garbage(null);

    expect(named(events, 'frame-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_INVALID_REPLY',
    });
    socket.unsubscribe('demo.hello');
    await eventually('the unsubscribe acknowledgement', () => named(events, 'unsubscribed')[0]);
    expect(named(events, 'session-closed')).toEqual([]);
    await socket.close();
    expect(await failedPing).toBeInstanceOf(ClientClosedError);
  });

  it('reports a frame over the incoming size limit as a bad frame and reconnects', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the acknowledgement', () => acks('demo.hello').length === 1);

    emulator.faults.garbage('huge');
    const failedPing = socket.ping().catch(error => error);
    const reported = await eventually('a frame error', () => named(events, 'frame-error')[0]);
    emulator.faults.garbage(null);

    expect(reported.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_INVALID_FRAME',
      cause: expect.objectContaining({ code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }),
    });
    expect(await failedPing).toMatchObject({ code: 'ARTEMIS_WS_DISCONNECTED' });
    await eventually('acknowledged on a new session', () => acks('demo.hello').length === 2);
  });

  it('refuses to subscribe after close', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'demo.hello' });
    await socket.close();

    expect(() => socket.subscribe({ serviceId: 'demo.other' })).toThrow(ClientClosedError);
    await expect(socket.ping()).rejects.toBeInstanceOf(ClientClosedError);
    expect(socket.state).toBe('closed');
  });
});
