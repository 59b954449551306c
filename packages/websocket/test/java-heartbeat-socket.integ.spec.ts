import { ClientClosedError, JAVA_WS_MAX_FRAME_BYTES } from '@artemis/protocol';
import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator } from '@artemis/testing';

import {
  FrameTooLargeError,
  JavaHeartbeatSocket,
  WebSocketDisconnectedError,
  WebSocketSendTimeoutError,
} from '../src/index';
import type { FastTunables, RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, instance, named, recordEvents } from './helpers';

const HEARTBEAT_PATH = '/artemis/ws/registry/heartbeat';

describe('JavaHeartbeatSocket against the Java emulator', () => {
  let emulator: ArtemisEmulator;
  let rig: TestRig;
  let socket: JavaHeartbeatSocket;
  let events: RecordedEvent[];

  async function setUp(fast: FastTunables = {}, sendTimeoutMs = 2_000): Promise<void> {
    emulator = await startArtemisEmulator({ flavor: 'java' });
    rig = createRig(
      [emulator.url],
      {},
      { websocketPingIntervalMs: 60_000, websocketConnectTimeoutMs: 1_000, ...fast },
      'registry',
    );
    socket = new JavaHeartbeatSocket({
      config: rig.config,
      addresses: rig.addresses,
      reconnectDelayMs: 20,
      sendTimeoutMs,
    });
    emulator.registerInstance(instance('demo.hello', 'known'));
    events = recordEvents(socket.events, [
      'state',
      'reconnect',
      'frame-error',
      'session-closed',
      'connect-error',
    ]);
  }

  afterEach(async () => {
    await socket?.close();
    await rig?.close();
    await emulator?.close();
  });

  const heartbeatFrames = () => emulator.frames.filter(frame => frame.path === HEARTBEAT_PATH);
  const beat = (...instanceIds: string[]) => ({
    instances: instanceIds.map(id => instance('demo.hello', id)),
  });

  it('sends a heartbeat request frame and resolves with its parsed reply', async () => {
    await setUp();

    const reply = await socket.send(beat('known'));

    expect(reply.responseStatus.errorCode).toBe('success');
    expect(reply.failedInstances).toEqual([]);
    expect(heartbeatFrames().map(frame => JSON.parse(frame.data))).toEqual([beat('known')]);
    expect(socket.state).toBe('open');
  });

  it('matches replies to requests by position when several are in flight', async () => {
    await setUp();

    const replies = await Promise.all([
      socket.send(beat('known')),
      socket.send(beat('unknown-1')),
      socket.send(beat('known')),
      socket.send(beat('unknown-2')),
    ]);

    expect(replies.map(reply => reply.failedInstances.length)).toEqual([0, 1, 0, 1]);
    expect(replies[1]?.failedInstances[0]).toMatchObject({
      errorCode: 'data-not-found',
      instance: { instanceId: 'unknown-1' },
    });
    expect(replies[3]?.failedInstances[0]).toMatchObject({ instance: { instanceId: 'unknown-2' } });
  });

  it('refuses a frame over the Java 8 KiB limit before sending it, and sends one just under', async () => {
    await setUp();
    await socket.send(beat('known'));
    const filler = (size: number) => ({
      instances: [{ ...instance('demo.hello', 'known'), metadata: { padding: 'x'.repeat(size) } }],
    });
    const overhead = JSON.stringify(filler(0)).length;

    const tooLarge = socket.send(filler(JAVA_WS_MAX_FRAME_BYTES - overhead + 1));
    await expect(tooLarge).rejects.toBeInstanceOf(FrameTooLargeError);
    await expect(tooLarge).rejects.toMatchObject({
      code: 'ARTEMIS_WS_FRAME_TOO_LARGE',
      sizeBytes: JAVA_WS_MAX_FRAME_BYTES + 1,
      limitBytes: JAVA_WS_MAX_FRAME_BYTES,
    });
    expect(socket.maxFrameBytes).toBe(JAVA_WS_MAX_FRAME_BYTES);

    const atLimit = await socket.send(filler(JAVA_WS_MAX_FRAME_BYTES - overhead));
    expect(atLimit.responseStatus.errorCode).toBe('success');
    expect(heartbeatFrames().map(frame => Buffer.byteLength(frame.data))).toEqual([
      JSON.stringify(beat('known')).length,
      JAVA_WS_MAX_FRAME_BYTES,
    ]);
    // The server kept the session: no frame was over its limit.
    expect(named(events, 'session-closed')).toEqual([]);
  });

  it('rejects a request cut off by a closed socket, then works on the next session', async () => {
    await setUp();
    await socket.send(beat('known'));

    emulator.faults.stall(true);
    const cutOff = socket.send(beat('known'));
    const outcome = expect(cutOff).rejects.toMatchObject({ code: 'ARTEMIS_WS_DISCONNECTED' });
    await eventually('the request on the wire', () => heartbeatFrames().length === 2);
    emulator.faults.stall(false);
    emulator.faults.closeSockets(1011, 'server error');

    await outcome;
    await expect(cutOff).rejects.toBeInstanceOf(WebSocketDisconnectedError);
    const reply = await socket.send(beat('known'));
    expect(reply.responseStatus.errorCode).toBe('success');
    expect(named(events, 'reconnect').length).toBeGreaterThanOrEqual(1);
  });

  it('gives up on a request the server never answers with WebSocketSendTimeoutError', async () => {
    await setUp({}, 200);
    await socket.send(beat('known'));

    emulator.faults.stall(true);
    const stalled = socket.send(beat('known'));

    await expect(stalled).rejects.toBeInstanceOf(WebSocketSendTimeoutError);
    await expect(stalled).rejects.toMatchObject({
      code: 'ARTEMIS_WS_SEND_TIMEOUT',
      timeoutMs: 200,
    });
  });

  it('replaces a session that stops answering pings and sends on the next one', async () => {
    await setUp(
      { websocketPingIntervalMs: 150, websocketPingTimeoutMs: 150, websocketConnectTimeoutMs: 300 },
      5_000,
    );
    await socket.send(beat('known'));

    emulator.faults.stall(true);
    const cutOff = socket.send(beat('known'));
    const outcome = expect(cutOff).rejects.toBeInstanceOf(WebSocketDisconnectedError);
    await eventually('a ping timeout', () =>
      named(events, 'session-closed').find(event => event.payload['reason'] === 'ping-timeout'),
    );
    await outcome;
    emulator.faults.stall(false);

    const reply = await socket.send(beat('known'));
    expect(reply.responseStatus.errorCode).toBe('success');
    expect(named(events, 'state').at(-1)?.payload['state']).toBe('open');
  });

  it('skips a garbled reply with a typed error, reports it and keeps the socket', async () => {
    await setUp();
    await socket.send(beat('known'));

    emulator.faults.garbage('html');
    const garbled = socket.send(beat('known'));
    await expect(garbled).rejects.toMatchObject({ code: 'ARTEMIS_INVALID_REPLY' });
    emulator.faults.garbage(null);

    expect(named(events, 'frame-error')).toHaveLength(1);
    expect(named(events, 'frame-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_INVALID_REPLY',
    });
    const reply = await socket.send(beat('known'));
    expect(reply.responseStatus.errorCode).toBe('success');
    expect(named(events, 'session-closed')).toEqual([]);
  });

  it('comes back after a server restart on the same port', async () => {
    await setUp();
    await socket.send(beat('known'));

    await emulator.stop();
    await eventually('a failed reconnect', () => named(events, 'connect-error').length >= 1);
    await emulator.start();

    await eventually('a heartbeat after the restart', async () => {
      try {
        return (await socket.send(beat('known'))).responseStatus.errorCode === 'success';
      } catch {
        return false;
      }
    });
    expect(named(events, 'connect-error')[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_CONNECT_FAILED',
    });
  });

  it('rejects waiting and later sends with ClientClosedError after close', async () => {
    await setUp();
    await socket.send(beat('known'));
    emulator.faults.stall(true);
    const waiting = socket.send(beat('known'));
    const outcome = expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await eventually('the request on the wire', () => heartbeatFrames().length === 2);

    await socket.close();

    await outcome;
    await expect(socket.send(beat('late'))).rejects.toBeInstanceOf(ClientClosedError);
    expect(socket.state).toBe('closed');
  });
});
