import type {
  Clock,
  DiscoveryConfig,
  Instance,
  InstanceChange,
  Service,
  TimerHandle,
} from '@artemis/protocol';
import { Subject } from 'rxjs';

import type { ChangeSource, DiscoveryTransport } from '../src/ports.js';

/** A clock whose time moves only when the test says so. */
export class ManualClock implements Clock {
  time = 1_000_000;
  #timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  get pendingTimers(): number {
    return this.#timers.filter(timer => !timer.cancelled).length;
  }

  /** Moves time on, running due timers and letting the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = this.#timers
        .filter(timer => !timer.cancelled && timer.at <= end)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.cancelled = true;
      next.callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

/** Lets queued microtasks and immediates run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
}

/** A transport backed by an in-memory map of raw server data, with switchable failures. */
export class FakeTransport implements DiscoveryTransport {
  readonly data = new Map<string, Instance[]>();
  readonly calls: Array<{ kind: 'one' | 'batch'; serviceIds: string[] }> = [];
  failWith: unknown = undefined;
  /** When set, replies wait for this promise. */
  gate: Promise<void> | undefined;

  set(serviceId: string, instances: Instance[]): void {
    this.data.set(serviceId.toLowerCase(), instances);
  }

  async getService(config: DiscoveryConfig): Promise<Service> {
    this.calls.push({ kind: 'one', serviceIds: [config.serviceId] });
    return this.#reply(config);
  }

  async getServices(configs: readonly DiscoveryConfig[]): Promise<Service[]> {
    this.calls.push({ kind: 'batch', serviceIds: configs.map(config => config.serviceId) });
    return Promise.all(configs.map(config => this.#reply(config)));
  }

  async #reply(config: DiscoveryConfig): Promise<Service> {
    if (this.gate) await this.gate;
    if (this.failWith !== undefined) throw this.failWith;
    const instances = this.data.get(config.serviceId.toLowerCase()) ?? [];
    return { serviceId: config.serviceId, instances: instances.map(instance => ({ ...instance })) };
  }
}

/** A change source driven by the test. */
export class FakeChangeSource implements ChangeSource {
  canPush = true;
  readonly changes$ = new Subject<InstanceChange>();
  readonly resync$ = new Subject<void>();
  readonly subscribed = new Map<string, DiscoveryConfig>();
  readonly log: string[] = [];
  closed = false;

  subscribe(config: DiscoveryConfig): void {
    this.subscribed.set(config.serviceId, config);
    this.log.push(`subscribe ${config.serviceId}`);
  }

  unsubscribe(serviceId: string): void {
    this.subscribed.delete(serviceId);
    this.log.push(`unsubscribe ${serviceId}`);
  }

  close(): void {
    this.closed = true;
    this.changes$.complete();
  }

  push(changeType: InstanceChange['changeType'], instance: Instance, changeTime: number): void {
    this.changes$.next({ changeType, instance, changeTime });
  }
}

export function instance(
  serviceId: string,
  instanceId: string,
  extra: Partial<Instance> = {},
): Instance {
  return {
    serviceId,
    instanceId,
    regionId: 'r',
    zoneId: 'z',
    ip: '10.0.0.1',
    port: 80,
    url: `http://10.0.0.1/${instanceId}`,
    status: 'up',
    ...extra,
  } as Instance;
}

export const timings = {
  discoveryCacheTtlMs: 900_000,
  discoveryReloadIntervalMs: 60_000,
  discoveryPollIntervalMs: 30_000,
};
