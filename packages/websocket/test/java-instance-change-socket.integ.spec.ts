import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';
import type { InstanceChange } from '@artemis/protocol';

import { FrameTooLargeError, JavaInstanceChangeSocket } from '../src/index';
import type { ChangeSocketEvents } from '../src/index';
import type { FastTunables, TestRig } from './helpers';
import { createRig, eventually, instance } from './helpers';

const SERVICE = 'demo.hello';

describe('JavaInstanceChangeSocket against the Java emulator', () => {
  let emulator: ArtemisEmulator;
  let rig: TestRig;
  let socket: JavaInstanceChangeSocket;
  let changes: InstanceChange[];
  let events: Array<{ name: keyof ChangeSocketEvents; payload: unknown }>;

  async function setUp(
    emulatorOptions: Parameters<typeof startArtemisEmulator>[0] = {},
    fast: FastTunables = {},
    socketOptions: { retryLaterDelayMs?: number } = {},
  ): Promise<void> {
    emulator = await startArtemisEmulator({ flavor: 'java', ...emulatorOptions });
    rig = createRig([emulator.url], {}, { websocketPingIntervalMs: 60_000, ...fast });
    socket = new JavaInstanceChangeSocket({
      config: rig.config,
      addresses: rig.addresses,
      reconnectDelayMs: 20,
      ...socketOptions,
    });
    changes = [];
    events = [];
    socket.changes$.subscribe(change => changes.push(change));
    for (const name of [
      'state',
      'reconnect',
      'frame-error',
      'session-closed',
      'session-rotated',
      'subscribed',
    ] as const) {
      socket.events.on(name, payload => events.push({ name, payload }));
    }
  }

  afterEach(async () => {
    await socket?.close();
    await rig?.close();
    await emulator?.close();
  });

  const subscribeFrames = () =>
    emulator.frames.filter(frame => frame.path.endsWith('/ws/discovery/instance-change'));

  async function expectPushFor(instanceId: string): Promise<void> {
    emulator.registerInstance(instance(SERVICE, instanceId));
    await eventually(`a push for ${instanceId}`, () =>
      changes.find(change => change.instance.instanceId === instanceId),
    );
  }

  it('subscribes and delivers a push as a parsed InstanceChange', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE, regionId: 'test' });
    await eventually('the subscribe frame', () => subscribeFrames().length === 1);

    await expectPushFor('i-1');

    const change = changes[0];
    expect(change).toMatchObject({ changeType: 'new', instance: { serviceId: SERVICE } });
    expect(typeof change?.changeTime).toBe('number');
    expect(JSON.parse(subscribeFrames()[0]?.data ?? '{}')).toEqual({
      serviceId: SERVICE,
      regionId: 'test',
    });
  });

  it('reconnects after the server closes the socket, subscribes again and loses no later push', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the first subscription', () => subscribeFrames().length === 1);

    emulator.faults.closeSockets(1000);

    await eventually('a second subscription', () => subscribeFrames().length === 2);
    await expectPushFor('after-close');
    expect(events.some(event => event.name === 'reconnect')).toBe(true);
  });

  it('detects a socket that stops answering pings and comes back once the server does', async () => {
    await setUp(
      {},
      { websocketPingIntervalMs: 200, websocketPingTimeoutMs: 200, websocketConnectTimeoutMs: 500 },
    );
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the first subscription', () => subscribeFrames().length === 1);

    emulator.faults.stall(true);
    await eventually('a ping timeout', () =>
      events.find(
        event =>
          event.name === 'session-closed' &&
          (event.payload as { reason: string }).reason === 'ping-timeout',
      ),
    );
    emulator.faults.stall(false);

    await eventually('a second subscription', () => subscribeFrames().length >= 2);
    await expectPushFor('after-stall');
  });

  it('reconnects when the server cuts the session at its age limit', async () => {
    await setUp({ sessionTtlMs: 300, sessionCheckIntervalMs: 100 });
    socket.subscribe({ serviceId: SERVICE });

    await eventually('a cut and a new subscription', () => subscribeFrames().length >= 2);
    await expectPushFor('after-cut');
  });

  it('rotates its own session before the server cuts it, opening the new one first', async () => {
    await setUp({}, { websocketSessionTtlMs: 300, websocketPingTimeoutMs: 100 });
    socket.subscribe({ serviceId: SERVICE });

    const rotated = await eventually('a rotation', () =>
      events.find(event => event.name === 'session-rotated'),
    );
    expect(rotated.payload).toMatchObject({ side: 'discovery' });
    await expectPushFor('after-rotation');
    // A rotation never passes through a closed state: the new session was open first.
    const firstRotation = events.indexOf(rotated);
    expect(
      events
        .slice(0, firstRotation)
        .filter(
          event =>
            event.name === 'state' && (event.payload as { state: string }).state === 'closed',
        ),
    ).toEqual([]);
  });

  it('skips and reports a malformed push, then keeps delivering', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the subscription', () => subscribeFrames().length === 1);

    emulator.faults.garbage('truncated-json');
    emulator.registerInstance(instance(SERVICE, 'garbled'));
    const reported = await eventually('a frame error', () =>
      events.find(event => event.name === 'frame-error'),
    );
    emulator.faults.garbage(null);

    expect((reported.payload as { error: { code: string } }).error.code).toBe(
      'ARTEMIS_INVALID_REPLY',
    );
    await expectPushFor('after-garbage');
    expect(changes.map(change => change.instance.instanceId)).toEqual(['after-garbage']);
  });

  it('waits longer after a close with 1013 (try again later)', async () => {
    await setUp({}, {}, { retryLaterDelayMs: 300 });
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the subscription', () => subscribeFrames().length === 1);

    emulator.faults.closeSockets(1013);

    const reconnect = await eventually('a reconnect', () =>
      events.find(event => event.name === 'reconnect'),
    );
    expect(reconnect.payload).toMatchObject({ reason: expect.stringContaining('try-again-later') });
    expect((reconnect.payload as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(300);
    await eventually('a second subscription', () => subscribeFrames().length === 2);
  });

  it('stops delivering a service after unsubscribe', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE });
    socket.subscribe({ serviceId: 'other.service' });
    await eventually('both subscriptions', () => subscribeFrames().length === 2);

    socket.unsubscribe(SERVICE);
    emulator.registerInstance(instance(SERVICE, 'ignored'));
    emulator.registerInstance(instance('other.service', 'seen'));

    await eventually('the other push', () =>
      changes.find(change => change.instance.instanceId === 'seen'),
    );
    expect(changes.map(change => change.instance.instanceId)).toEqual(['seen']);
    expect(socket.subscriptions()).toEqual(['other.service']);
  });

  it('refuses a subscribe frame over the Java 8 KiB limit and keeps the others', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the subscription', () => subscribeFrames().length === 1);

    const huge = { serviceId: 'huge.service', discoveryData: { padding: 'x'.repeat(9_000) } };
    const thrown = (() => {
      try {
        socket.subscribe(huge);
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    expect(thrown).toBeInstanceOf(FrameTooLargeError);
    expect(thrown).toMatchObject({ code: 'ARTEMIS_WS_FRAME_TOO_LARGE', limitBytes: 8192 });
    expect(socket.subscriptions()).toEqual([SERVICE]);
    await expectPushFor('after-refusal');
    expect(subscribeFrames()).toHaveLength(1);
  });

  it('keeps the session when the server drops pushes, and delivers the next one', async () => {
    await setUp();
    socket.subscribe({ serviceId: SERVICE });
    await eventually('the subscription', () => subscribeFrames().length === 1);

    emulator.faults.dropPushes(true);
    emulator.registerInstance(instance(SERVICE, 'dropped'));
    emulator.faults.dropPushes(false);

    await expectPushFor('delivered');
    expect(changes.map(change => change.instance.instanceId)).toEqual(['delivered']);
    expect(events.filter(event => event.name === 'session-closed')).toEqual([]);
  });

  it('sends the serviceId exactly as given and delivers its pushes', async () => {
    await setUp();
    socket.subscribe({ serviceId: 'Demo.Hello' });
    await eventually('the subscription', () => subscribeFrames().length === 1);

    emulator.registerInstance(instance('Demo.Hello', 'mixed-case'));

    const change = await eventually('the push', () => changes[0]);
    expect(change.instance).toMatchObject({ serviceId: 'Demo.Hello', instanceId: 'mixed-case' });
    expect(JSON.parse(subscribeFrames()[0]?.data ?? '{}')).toEqual({ serviceId: 'Demo.Hello' });
  });
});
