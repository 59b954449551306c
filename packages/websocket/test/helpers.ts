import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import type { ArtemisOptions } from '@artemis/config';
import type { Logger, TypedEvents } from '@artemis/protocol';

import type { SocketSide, WebSocketConfig, WebSocketConfigSource } from '../src/index';

/**
 * Tunables the config schema would refuse (pings every few hundred ms) so liveness tests run
 * fast; everything else comes from a real ConfigStore, read at use time.
 */
export type FastTunables = Partial<WebSocketConfig>;

export interface TestRig {
  store: ConfigStore;
  config: WebSocketConfigSource;
  addresses: AddressManager;
  close(): Promise<void>;
}

/**
 * A ConfigStore, an AddressManager on `urls`, and a config view with fast overrides. The
 * reconnect budget is generous unless a test sets it, so only the budget tests meet it.
 */
export function createRig(
  urls: string[],
  options: Omit<ArtemisOptions, 'serverUrls'> = {},
  fast: FastTunables = {},
  side: SocketSide = 'discovery',
): TestRig {
  const store = new ConfigStore({ serverUrls: urls, ...options }, {});
  const addresses = new AddressManager({ side, config: store, deterministicOrder: true });
  const config: WebSocketConfigSource = {
    get current() {
      return { ...store.current, websocketReconnectLimit: 1_000, ...fast };
    },
  };
  return {
    store,
    config,
    addresses,
    close: async () => {
      await addresses.close();
      store.close();
    },
  };
}

/** Polls until `predicate` holds; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  predicate: () => T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

/** A logger that keeps every line as text, to check what reaches the logs. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (fields: unknown, message?: string): void => {
    lines.push(JSON.stringify([fields, message]));
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}

/** A Java-shaped instance for the emulator. */
export function instance(serviceId: string, instanceId: string) {
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId,
    instanceId,
    ip: '127.0.0.1',
    port: 8080,
    url: 'http://127.0.0.1:8080',
    status: 'up',
  };
}

/** One event as a test records it. */
export interface RecordedEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** Records every event named in `names`, in order. */
export function recordEvents<E extends object>(
  events: TypedEvents<E>,
  names: ReadonlyArray<keyof E & string>,
): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const name of names) {
    events.on(name, payload =>
      recorded.push({ name, payload: payload as Record<string, unknown> }),
    );
  }
  return recorded;
}

/** The recorded events called `name`. */
export function named(events: readonly RecordedEvent[], name: string): RecordedEvent[] {
  return events.filter(event => event.name === name);
}
