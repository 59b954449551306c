import { ArtemisAbortError, ClientClosedError } from '@artemis/protocol';

import { WebSocketDisconnectedError, WebSocketSendTimeoutError } from './errors';
import { ReplyQueue } from './reply-queue';
import type { RequestChannel } from './reply-queue';

/** A channel that is always open and records what it sent, on session `sessionId`. */
function channel(sessionId = 1): RequestChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    waitForOpen: () => Promise.resolve(),
    send: data => {
      sent.push(data);
      return sessionId;
    },
  };
}

/** Lets the queued request reach `send`. */
const flush = () => new Promise(resolve => setImmediate(resolve));

describe('ReplyQueue', () => {
  it('hands replies to requests in the order they were sent', async () => {
    const queue = new ReplyQueue<string>();
    const socket = channel();
    const first = queue.request(socket, 'a', 5_000);
    const second = queue.request(socket, 'b', 5_000);
    await flush();

    queue.take(1)?.resolve('reply-a');
    queue.take(1)?.resolve('reply-b');

    await expect(first).resolves.toBe('reply-a');
    await expect(second).resolves.toBe('reply-b');
    expect(socket.sent).toEqual(['a', 'b']);
    expect(queue.take(1)).toBeUndefined();
  });

  it('keeps the slot of an aborted request, so its late reply does not reach the next one', async () => {
    const queue = new ReplyQueue<string>();
    const socket = channel();
    const controller = new AbortController();
    const aborted = queue.request(socket, 'a', 5_000, controller.signal);
    const next = queue.request(socket, 'b', 5_000);
    await flush();

    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(ArtemisAbortError);
    queue.take(1)?.resolve('late reply-a');
    queue.take(1)?.resolve('reply-b');

    await expect(next).resolves.toBe('reply-b');
  });

  it('rejects the requests of a session that ended, and only those', async () => {
    const queue = new ReplyQueue<string>();
    const onFirst = queue.request(channel(1), 'a', 5_000);
    const onSecond = queue.request(channel(2), 'b', 5_000);
    await flush();

    queue.rejectSession(1, new WebSocketDisconnectedError('closed-by-server, code 1011'));
    queue.take(2)?.resolve('reply-b');

    await expect(onFirst).rejects.toBeInstanceOf(WebSocketDisconnectedError);
    await expect(onSecond).resolves.toBe('reply-b');
  });

  it('turns a missed deadline into WebSocketSendTimeoutError', async () => {
    const queue = new ReplyQueue<string>();

    await expect(queue.request(channel(), 'a', 10)).rejects.toBeInstanceOf(
      WebSocketSendTimeoutError,
    );
  });

  it('rejects waiting and new requests with ClientClosedError after close', async () => {
    const queue = new ReplyQueue<string>();
    const waiting = queue.request(channel(), 'a', 5_000);
    await flush();

    queue.close();

    await expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await expect(queue.request(channel(), 'b', 5_000)).rejects.toBeInstanceOf(ClientClosedError);
  });
});
