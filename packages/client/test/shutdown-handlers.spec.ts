import { EventEmitter } from 'node:events';

import { installShutdownHandlers } from '../src/index';
import type { SignalTarget } from '../src/index';

/** A stand-in for `process`: signals are emitted by hand and `kill` is recorded. */
class FakeProcess extends EventEmitter implements SignalTarget {
  readonly pid = 4242;
  readonly kills: Array<{ pid: number; signal: NodeJS.Signals }> = [];

  kill(pid: number, signal: NodeJS.Signals): boolean {
    this.kills.push({ pid, signal });
    return true;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('installShutdownHandlers', () => {
  it('installs nothing until called', () => {
    const target = new FakeProcess();
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
  });

  it('closes the client on SIGTERM, then re-raises the signal so the process ends', async () => {
    const target = new FakeProcess();
    const closing = deferred();
    const client = { close: jest.fn(() => closing.promise) };
    installShutdownHandlers(client, { target });

    target.emit('SIGTERM');
    await flush();
    expect(client.close).toHaveBeenCalledTimes(1);
    expect(target.kills).toEqual([]);

    closing.resolve();
    await flush();
    expect(target.kills).toEqual([{ pid: 4242, signal: 'SIGTERM' }]);
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
  });

  it('ends at once on a second signal while closing', async () => {
    const target = new FakeProcess();
    const client = { close: jest.fn(() => new Promise<void>(() => undefined)) };
    installShutdownHandlers(client, { target });

    target.emit('SIGINT');
    await flush();
    target.emit('SIGINT');

    expect(client.close).toHaveBeenCalledTimes(1);
    expect(target.kills).toEqual([{ pid: 4242, signal: 'SIGINT' }]);
  });

  it('still lets the process end when closing fails, and logs why', async () => {
    const target = new FakeProcess();
    const failure = new Error('unregister failed');
    const client = { close: jest.fn(() => Promise.reject(failure)) };
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    installShutdownHandlers(client, { target, logger });

    target.emit('SIGTERM');
    await flush();

    expect(target.kills).toEqual([{ pid: 4242, signal: 'SIGTERM' }]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.error.mock.calls[0])).toContain('SIGTERM');
  });

  it("leaves the ending to the application's own handler when it has one", async () => {
    const target = new FakeProcess();
    const client = { close: jest.fn(() => Promise.resolve()) };
    const ownHandler = jest.fn();
    target.on('SIGTERM', ownHandler);
    installShutdownHandlers(client, { target });

    target.emit('SIGTERM');
    await flush();

    expect(client.close).toHaveBeenCalledTimes(1);
    expect(ownHandler).toHaveBeenCalledTimes(1);
    expect(target.kills).toEqual([]);
  });

  it('removes its handlers when uninstalled', () => {
    const target = new FakeProcess();
    const client = { close: jest.fn(() => Promise.resolve()) };
    const uninstall = installShutdownHandlers(client, { target, signals: ['SIGHUP'] });
    expect(target.listenerCount('SIGHUP')).toBe(1);

    uninstall();
    target.emit('SIGHUP');

    expect(target.listenerCount('SIGHUP')).toBe(0);
    expect(client.close).not.toHaveBeenCalled();
  });
});
