import { subscribe, unsubscribe } from 'node:diagnostics_channel';

import {
  ArtemisAbortError,
  ArtemisError,
  ClientClosedError,
  hasErrorCode,
  isArtemisError,
} from './errors';
import { TypedEvents } from './events';
import { deriveSignal, onAbort, pause, sleep, TimeoutReason } from './abort';
import type { Clock } from './clock';
import { toSdkLogger, silentLogger } from './logger';

describe('ArtemisError', () => {
  it('keeps its code and cause', () => {
    const cause = new Error('socket hang up');
    const error = new ArtemisError('ARTEMIS_TEST', 'failed', { cause });

    expect(error.code).toBe('ARTEMIS_TEST');
    expect(error.cause).toBe(cause);
    expect(hasErrorCode(error, 'ARTEMIS_TEST')).toBe(true);
    expect(hasErrorCode(error, 'OTHER')).toBe(false);
  });

  it('is recognised across duplicate installs through its brand', () => {
    const foreign = Object.assign(new Error('x'), { code: 'X' });
    Object.defineProperty(foreign, Symbol.for('@artemis/error'), { value: true });

    expect(foreign instanceof ArtemisError).toBe(true);
    expect(isArtemisError(new Error('plain'))).toBe(false);
    expect(new ClientClosedError() instanceof ClientClosedError).toBe(true);
    expect(new ClientClosedError() instanceof ArtemisAbortError).toBe(false);
  });
});

describe('TypedEvents', () => {
  it('publishes each event on its diagnostics channel while someone subscribes', () => {
    const events = new TypedEvents<{ tick: { n: number }; tock: undefined }>(undefined, {
      diagnostics: 'test-clock',
    });
    const published: unknown[] = [];
    const onTick = (message: unknown): void => void published.push(message);

    expect(events.isObserved('tick')).toBe(false);
    events.emit('tick', { n: 0 });
    subscribe('artemis:test-clock:tick', onTick);
    try {
      expect(events.isObserved('tick')).toBe(true);
      expect(events.isObserved('tock')).toBe(false);
      expect(events.listenerCount()).toBe(0);
      events.emit('tick', { n: 1 });
      events.emit('tock', undefined);
    } finally {
      unsubscribe('artemis:test-clock:tick', onTick);
    }
    events.emit('tick', { n: 2 });

    expect(published).toEqual([{ n: 1 }]);
    expect(events.isObserved('tick')).toBe(false);
  });

  it('publishes nothing without a diagnostics name', () => {
    const events = new TypedEvents<{ tick: number }>();
    const published: unknown[] = [];
    const onTick = (message: unknown): void => void published.push(message);
    subscribe('artemis:undefined:tick', onTick);
    try {
      events.emit('tick', 1);
      expect(events.isObserved('tick')).toBe(false);
    } finally {
      unsubscribe('artemis:undefined:tick', onTick);
    }
    expect(published).toEqual([]);
  });

  it('isolates a throwing listener and still calls the others', () => {
    const reported: unknown[] = [];
    const events = new TypedEvents<{ tick: number }>(error => reported.push(error));
    const seen: number[] = [];
    events.on('tick', () => {
      throw new Error('bad listener');
    });
    events.on('tick', value => seen.push(value));

    events.emit('tick', 7);

    expect(seen).toEqual([7]);
    expect(reported).toHaveLength(1);
  });

  it('unsubscribes and counts listeners', () => {
    const events = new TypedEvents<{ a: void; b: string }>();
    const off = events.on('a', () => undefined);
    events.once('b', () => undefined);

    expect(events.listenerCount()).toBe(2);
    off();
    off();
    events.emit('b', 'x');
    expect(events.listenerCount()).toBe(0);
  });
});

describe('sleep and deriveSignal', () => {
  it('rejects a sleep with a typed abort error', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort('stop');

    await expect(pending).rejects.toMatchObject({ code: 'ARTEMIS_ABORTED', cause: 'stop' });
  });

  it('fires on its own timeout with a TimeoutReason', async () => {
    const { signal, dispose } = deriveSignal([undefined], 5);
    await new Promise(resolve => signal.addEventListener('abort', resolve));

    expect(signal.reason).toBeInstanceOf(TimeoutReason);
    dispose();
  });

  it('follows a parent signal', () => {
    const parent = new AbortController();
    const { signal, dispose } = deriveSignal([parent.signal], 10_000);
    parent.abort('parent');

    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('parent');
    dispose();
  });
});

describe('waiting on one signal many times over', () => {
  it('adds one listener to the signal however many waits share it', async () => {
    const controller = new AbortController();
    const added = jest.spyOn(controller.signal, 'addEventListener');

    const waits = Array.from({ length: 50 }, () => sleep(60_000, controller.signal));
    const derived = Array.from({ length: 50 }, () => deriveSignal([controller.signal]));
    controller.abort('stop');

    expect(added).toHaveBeenCalledTimes(1);
    const outcomes = await Promise.allSettled(waits);
    expect(outcomes.every(o => o.status === 'rejected' && isArtemisError(o.reason))).toBe(true);
    expect(derived.every(({ signal }) => signal.aborted && signal.reason === 'stop')).toBe(true);
  });

  it('calls nothing that was cancelled', () => {
    const controller = new AbortController();
    const cancelled = jest.fn();
    const kept = jest.fn();
    onAbort(controller.signal, cancelled)();
    onAbort(controller.signal, kept);

    controller.abort();

    expect(cancelled).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });
});

describe('toSdkLogger', () => {
  it('calls the application logger fields first and survives a throwing logger', () => {
    const calls: unknown[][] = [];
    const logger = toSdkLogger(
      {
        debug: () => undefined,
        info: (...args) => calls.push(args),
        warn: () => {
          throw new Error('broken');
        },
        error: () => undefined,
      },
      'registry',
    );

    logger.info('registered', { count: 2 });
    expect(() => logger.warn('careful')).not.toThrow();
    expect(calls).toEqual([[{ component: 'registry', count: 2 }, 'registered']]);
    expect(toSdkLogger(undefined)).toBe(silentLogger);
  });
});

describe('pause', () => {
  /** A clock whose timers run when the test says, and which counts the ones left. */
  function handClock() {
    const timers = new Set<() => void>();
    const clock: Clock = {
      now: () => 0,
      setTimeout: callback => {
        timers.add(callback);
        return { cancel: () => timers.delete(callback) };
      },
    };
    const fire = (): void => {
      for (const callback of [...timers]) {
        timers.delete(callback);
        callback();
      }
    };
    return { clock, fire, pending: () => timers.size };
  }

  it('resolves true once the clock says the time is up', async () => {
    const { clock, fire } = handClock();
    const waiting = pause(clock, 1_000);
    fire();
    await expect(waiting).resolves.toBe(true);
  });

  it('resolves false at once when the signal fires, leaving no timer behind', async () => {
    const { clock, pending } = handClock();
    const controller = new AbortController();
    const waiting = pause(clock, 1_000, controller.signal);
    expect(pending()).toBe(1);

    controller.abort();

    await expect(waiting).resolves.toBe(false);
    expect(pending()).toBe(0);
    await expect(pause(clock, 1_000, controller.signal)).resolves.toBe(false);
    expect(pending()).toBe(0);
  });
});
