import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator, EmulatorFlavor } from '@artemis/testing';

import { JavaInstanceChangeSocket, RustChangeSocket } from '../src/index';
import type { ChangeSocket, ChangeSocketOptions } from '../src/index';
import type { FastTunables, RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, named, recordEvents } from './helpers';

const SOCKETS: Record<EmulatorFlavor, new (options: ChangeSocketOptions) => ChangeSocket> = {
  java: JavaInstanceChangeSocket,
  rust: RustChangeSocket,
};

describe.each(['java', 'rust'] as const)('reconnecting against the %s emulator', flavor => {
  let emulator: ArtemisEmulator;
  let rig: TestRig;
  let socket: ChangeSocket;
  let events: RecordedEvent[];

  async function setUp(
    fast: FastTunables,
    socketOptions: Partial<ChangeSocketOptions> = {},
  ): Promise<void> {
    emulator = await startArtemisEmulator({ flavor });
    rig = createRig([emulator.url], {}, { websocketPingIntervalMs: 60_000, ...fast });
    socket = new SOCKETS[flavor]({
      config: rig.config,
      addresses: rig.addresses,
      reconnectDelayMs: 20,
      ...socketOptions,
    });
    events = recordEvents(socket.events, ['reconnect', 'subscribed', 'connect-error', 'state']);
  }

  afterEach(async () => {
    await socket?.close();
    await rig?.close();
    await emulator?.close();
  });

  const subscribed = () => named(events, 'subscribed').length;

  it('backs off with jitter while the server is down and subscribes again once it is back', async () => {
    const randoms = [0.5, 0.25, 0.75, 1, 0.1];
    let draws = 0;
    await setUp(
      {},
      {
        reconnectDelayMs: 40,
        reconnectMaxDelayMs: 100,
        random: () => randoms[draws++ % randoms.length] ?? 0,
      },
    );
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the first subscription', () => subscribed() === 1);

    await emulator.stop();
    await eventually('three reconnects', () => named(events, 'reconnect').length >= 4);
    await emulator.start();
    await eventually('subscribed after the restart', () => subscribed() === 2);

    // Full jitter: delay n is random() times the capped exponential ceiling 40, 80, 100, 100.
    const delays = named(events, 'reconnect')
      .slice(0, 4)
      .map(event => event.payload['delayMs']);
    expect(delays).toEqual([20, 20, 75, 100]);
    expect(named(events, 'reconnect').map(event => event.payload['attempt'])).toEqual(
      named(events, 'reconnect').map((_event, index) => index + 1),
    );
    expect(named(events, 'reconnect')[1]?.payload['reason']).toBe('connect-failed');
    expect(named(events, 'connect-error').length).toBeGreaterThanOrEqual(3);
  });

  it('waits for its reconnect budget when the server keeps closing the socket', async () => {
    await setUp({ websocketReconnectLimit: 2, websocketReconnectWindowMs: 1_000 });
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the first subscription', () => subscribed() === 1);

    emulator.faults.closeSockets(1011);
    await eventually('the second subscription', () => subscribed() === 2);
    emulator.faults.closeSockets(1011);

    const held = await eventually('a reconnect held back by the budget', () =>
      named(events, 'reconnect').find(event => event.payload['reason'] === 'reconnect-budget'),
    );
    expect(held.payload['delayMs']).toBeGreaterThan(0);
    expect(held.payload['delayMs']).toBeLessThanOrEqual(1_000);
    expect(subscribed()).toBe(2);

    await eventually('subscribed once the window moved on', () => subscribed() === 3);
    expect(socket.state).toBe('open');
  });

  it('keeps its session when a rotation cannot connect, and rotates on a later try', async () => {
    await setUp({ websocketSessionTtlMs: 300, websocketPingTimeoutMs: 50 });
    const rotations = recordEvents(socket.events, ['session-rotated', 'session-closed']);
    socket.subscribe({ serviceId: 'demo.hello' });
    await eventually('the first subscription', () => subscribed() === 1);

    emulator.faults.failNext(1, 503, { includeUpgrades: true });

    const rotated = await eventually('a rotation', () => named(rotations, 'session-rotated')[0]);
    expect(named(events, 'connect-error')).toHaveLength(1);
    expect(named(events, 'connect-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_CONNECT_FAILED',
    });
    expect(rotated.payload['previousSessionId']).toBe(1);
    await eventually('subscribed on the new session', () => subscribed() >= 2);
    // The first session carried on until the rotation replaced it.
    expect(named(events, 'state').filter(event => event.payload['state'] === 'closed')).toEqual([]);
    expect(named(events, 'reconnect')).toEqual([]);
  });

  it('gives up a handshake the server never answers and connects once it does', async () => {
    await setUp({ websocketConnectTimeoutMs: 200 });
    emulator.faults.stall(true);
    socket.subscribe({ serviceId: 'demo.hello' });

    const failure = await eventually(
      'a timed-out handshake',
      () => named(events, 'connect-error')[0],
    );
    emulator.faults.stall(false);

    expect(failure.payload['error']).toMatchObject({ code: 'ARTEMIS_WS_CONNECT_FAILED' });
    expect(String((failure.payload['error'] as Error).cause)).toMatch(/handshake has timed out/);
    await eventually('the subscription', () => subscribed() === 1);
    expect(socket.state).toBe('open');
  });
});
