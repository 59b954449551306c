import { ClientClosedError } from '@artemis/protocol';
import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator, EmulatorFlavor } from '@artemis/testing';

import { JavaHeartbeatSocket, JavaInstanceChangeSocket, RustChangeSocket } from '../src/index';
import type { FastTunables, RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, instance, named, recordEvents } from './helpers';
import { openClientSockets, TrackingClock } from './tracking-clock';

/** What the test needs from each dialect: make it open a session, and close it. */
interface Dialect {
  /** Reconnects and rotations of the socket, as they happen. */
  events: RecordedEvent[];
  /** Starts traffic; resolves once the socket carried it. */
  use(): Promise<unknown>;
  close(): Promise<void>;
}

const LIFECYCLE_EVENTS = ['reconnect', 'session-rotated'] as const;

type DialectFactory = (rig: TestRig, clock: TrackingClock, emulator: ArtemisEmulator) => Dialect;

const DIALECTS: Array<[string, EmulatorFlavor, DialectFactory]> = [
  [
    'JavaHeartbeatSocket',
    'java',
    (rig, clock, emulator) => {
      const socket = new JavaHeartbeatSocket({
        config: rig.config,
        addresses: rig.addresses,
        clock,
      });
      emulator.registerInstance(instance('demo.hello', 'known'));
      return {
        events: recordEvents(socket.events, LIFECYCLE_EVENTS),
        use: () => socket.send({ instances: [instance('demo.hello', 'known')] }),
        close: () => socket.close(),
      };
    },
  ],
  [
    'JavaInstanceChangeSocket',
    'java',
    (rig, clock) => {
      const socket = new JavaInstanceChangeSocket({
        config: rig.config,
        addresses: rig.addresses,
        clock,
      });
      const subscribed = recordEvents(socket.events, ['subscribed']);
      let closed = false;
      return {
        events: recordEvents(socket.events, LIFECYCLE_EVENTS),
        use: () => {
          socket.subscribe({ serviceId: 'demo.hello' });
          return eventually('the subscription', () => {
            if (closed) throw new ClientClosedError('websocket');
            return subscribed.length > 0;
          });
        },
        close: () => {
          closed = true;
          return socket.close();
        },
      };
    },
  ],
  [
    'RustChangeSocket',
    'rust',
    (rig, clock) => {
      const socket = new RustChangeSocket({ config: rig.config, addresses: rig.addresses, clock });
      return {
        events: recordEvents(socket.events, LIFECYCLE_EVENTS),
        use: async () => {
          socket.subscribe({ serviceId: 'demo.hello' });
          await socket.ping();
        },
        close: () => socket.close(),
      };
    },
  ],
];

describe.each(DIALECTS)('%s close()', (_name, flavor, create) => {
  let emulator: ArtemisEmulator;
  let rig: TestRig;
  let clock: TrackingClock;
  let dialect: Dialect;

  async function setUp(fast: FastTunables = {}): Promise<void> {
    emulator = await startArtemisEmulator({ flavor });
    rig = createRig(
      [emulator.url],
      {},
      {
        websocketPingIntervalMs: 200,
        websocketPingTimeoutMs: 200,
        websocketConnectTimeoutMs: 5_000,
        ...fast,
      },
    );
    clock = new TrackingClock();
    dialect = create(rig, clock, emulator);
  }

  afterEach(async () => {
    await dialect?.close();
    await rig?.close();
    await emulator?.close();
  });

  async function expectNothingLeft(): Promise<void> {
    expect(clock.pending).toBe(0);
    await eventually('every client socket closed', () => openClientSockets(emulator.port) === 0);
  }

  it('leaves no socket and no timer behind after an open session', async () => {
    await setUp();
    await dialect.use();
    expect(clock.pending).toBeGreaterThan(0);
    expect(openClientSockets(emulator.port)).toBe(1);

    await dialect.close();

    await expectNothingLeft();
    await dialect.close();
    expect(clock.pending).toBe(0);
  });

  it('leaves nothing behind when closed while waiting to reconnect', async () => {
    await setUp({ websocketReconnectLimit: 1_000 });
    const events = dialect.events;
    await dialect.use();

    await emulator.stop();
    await eventually('a planned reconnect', () => named(events, 'reconnect').length > 0);
    await dialect.close();

    await expectNothingLeft();
  });

  it('leaves nothing behind when closed during a handshake the server never answers', async () => {
    await setUp();
    emulator.faults.stall(true);
    const used = dialect.use().catch(error => error);
    await eventually('the handshake on the wire', () => emulator.requests.length > 0);

    await dialect.close();

    await expectNothingLeft();
    expect(await used).toBeInstanceOf(Error);
  });

  it('leaves nothing behind when closed while a rotated session is retiring', async () => {
    await setUp({ websocketSessionTtlMs: 300, websocketPingTimeoutMs: 10_000 });
    const events = dialect.events;
    await dialect.use();
    await eventually('a rotation', () => named(events, 'session-rotated').length > 0);

    await dialect.close();

    await expectNothingLeft();
    expect(clock.created).toBeGreaterThan(0);
  });

  it('rejects use after close with ClientClosedError', async () => {
    await setUp();
    await dialect.close();

    await expect(
      (async () => {
        await dialect.use();
      })(),
    ).rejects.toBeInstanceOf(ClientClosedError);
  });
});
