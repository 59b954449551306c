import type { AddressInfo } from 'node:net';

import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

import { ManagedSocket, RustChangeSocket } from '../src/index';
import type { InstanceChange } from '@artemis/protocol';
import type { RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, named, recordEvents, recordingLogger } from './helpers';

/**
 * Frames neither emulated server ever sends (binary frames, Rust `error` and `service_change`
 * frames) come from a scripted loopback server: `onFrame` answers each text frame.
 */
async function startScriptedServer(onFrame: (socket: WebSocket, text: string) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>(resolve => server.once('listening', () => resolve()));
  server.on('connection', socket => {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) onFrame(socket, data.toString());
    });
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

describe('frames only a scripted server sends', () => {
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  let rig: TestRig;
  const closers: Array<() => Promise<void>> = [];

  async function setUp(onFrame: (socket: WebSocket, text: string) => void): Promise<void> {
    server = await startScriptedServer(onFrame);
    rig = createRig([server.url], {}, { websocketPingIntervalMs: 60_000 });
  }

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await rig?.close();
    await server?.close();
  });

  it('skips and reports a binary frame, then keeps receiving text', async () => {
    await setUp((socket, text) => {
      socket.send(Buffer.from([0xde, 0xad]), { binary: true });
      socket.send(`echo:${text}`);
    });
    const socket = new ManagedSocket({
      side: 'discovery',
      path: '/echo',
      config: rig.config,
      addresses: rig.addresses,
      onOpen: session => session.send('hello'),
    });
    closers.push(() => socket.close());
    const received: string[] = [];
    socket.messages$.subscribe(message => received.push(message.data));
    const events = recordEvents(socket.events, ['frame-error', 'session-closed']);
    socket.start();

    await eventually('the echo', () => received.length === 1);

    expect(received).toEqual(['echo:hello']);
    expect(named(events, 'frame-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_INVALID_FRAME',
    });
    expect(named(events, 'session-closed')).toEqual([]);
  });

  describe('RustChangeSocket', () => {
    let socket: RustChangeSocket;
    let events: RecordedEvent[];
    let changes: InstanceChange[];

    function open(): void {
      socket = new RustChangeSocket({ config: rig.config, addresses: rig.addresses });
      closers.push(() => socket.close());
      events = recordEvents(socket.events, ['frame-error', 'subscribed', 'session-closed']);
      changes = [];
      socket.changes$.subscribe(change => changes.push(change));
    }

    it('reports an error frame from the server as a typed frame error and stays open', async () => {
      await setUp((client, text) => {
        const frame = JSON.parse(text) as { type: string; service_id?: string };
        if (frame.type === 'subscribe' && frame.service_id === 'refused') {
          client.send(JSON.stringify({ type: 'error', message: 'unknown variant' }));
        } else {
          client.send(JSON.stringify({ type: 'subscribed', service_id: frame.service_id }));
        }
      });
      open();

      socket.subscribe({ serviceId: 'refused' });
      socket.subscribe({ serviceId: 'demo.hello' });

      await eventually('the acknowledgement', () => named(events, 'subscribed').length === 1);
      expect(named(events, 'frame-error')[0]?.payload['error']).toMatchObject({
        code: 'ARTEMIS_WS_INVALID_FRAME',
        message: expect.stringContaining('unknown variant'),
      });
      expect(named(events, 'session-closed')).toEqual([]);
    });

    it('delivers service_change frames of subscribed services only', async () => {
      const change = (serviceId: string, instanceId: string) => ({
        changeType: 'new',
        changeTime: '2026-01-02T03:04:05Z',
        instance: { serviceId, instanceId, ip: '10.0.0.1', port: 80, status: 'up' },
      });
      await setUp((client, text) => {
        const frame = JSON.parse(text) as { type: string; service_id: string };
        client.send(JSON.stringify({ type: 'subscribed', service_id: frame.service_id }));
        const push = (serviceId: string) =>
          client.send(
            JSON.stringify({
              type: 'service_change',
              service_id: serviceId,
              changes: [change(serviceId, `${serviceId}-1`)],
            }),
          );
        push('other.service');
        push(frame.service_id);
      });
      open();

      socket.subscribe({ serviceId: 'demo.hello' });

      await eventually('the change', () => changes.length === 1);
      expect(changes[0]).toMatchObject({
        changeType: 'new',
        changeTime: Date.parse('2026-01-02T03:04:05Z'),
        instance: { serviceId: 'demo.hello', instanceId: 'demo.hello-1' },
      });
    });

    it('keeps working when an event listener throws, and logs the throw', async () => {
      await setUp((client, text) => {
        const frame = JSON.parse(text) as { service_id: string };
        client.send(JSON.stringify({ type: 'subscribed', service_id: frame.service_id }));
      });
      const logger = recordingLogger();
      socket = new RustChangeSocket({ config: rig.config, addresses: rig.addresses, logger });
      closers.push(() => socket.close());
      socket.events.on('state', () => {
        throw new Error('listener bug');
      });
      events = recordEvents(socket.events, ['subscribed']);

      socket.subscribe({ serviceId: 'demo.hello' });

      await eventually('the acknowledgement', () => named(events, 'subscribed').length === 1);
      expect(logger.lines.some(line => line.includes('listener bug'))).toBe(true);
    });
  });
});
