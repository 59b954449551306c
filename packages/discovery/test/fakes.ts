import type { DiscoveryConfig, Instance, InstanceChange, Service } from '@artemis/protocol';
import { Subject } from 'rxjs';

import type { ChangeSource, DiscoveryTransport } from '../src/ports.js';

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
