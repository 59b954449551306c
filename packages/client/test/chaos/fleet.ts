import { createArtemisClient } from '../../src/index';
import type {
  ArtemisClient,
  ArtemisClientOptions,
  RegistrationInstance,
  Service,
  ServiceChangeEvent,
} from '../../src/index';
import type { EmulatorChange, EmulatorFlavor, EmulatorStore } from '@artemis/testing';
import { waitFor } from '@artemis/testing';

import { FAST, REGION, ZONE } from '../rig';

/** Generous: a loaded 2-CPU machine may need many beats to get through a fault. */
export const LONG_WAIT_MS = 20_000;

/** Fast tunables, plus a short quarantine so that a node that came back is used again soon. */
export const CHAOS_OPTIONS: ArtemisClientOptions = {
  ...FAST,
  connectTimeoutMs: 500,
  addressQuarantineMs: 500,
  addressRefreshIntervalMs: 500,
  websocketPingIntervalMs: 5_000,
  websocketPingTimeoutMs: 1_000,
};

/** Options of {@link startFleet}. */
export interface FleetOptions {
  flavor: EmulatorFlavor;
  serverUrls: readonly string[];
  /** Applications (clients), each registering and watching. @default 3 */
  clients?: number;
  /** Services every client registers in and watches. @default ['chaos-a', 'chaos-b'] */
  services?: readonly string[];
  /** Instances each client registers per service once, and never unregisters. @default 2 */
  stablePerService?: number;
  /** Options for one client on top of {@link CHAOS_OPTIONS}. */
  clientOptions?: (index: number) => Partial<ArtemisClientOptions>;
  /** The store of the cluster, to see every lease the server drops. */
  store: EmulatorStore;
}

/** One `watch` stream of one client, with every event it delivered. */
export interface ServiceWatch {
  readonly clientIndex: number;
  readonly serviceId: string;
  /** The service as the cache held it when the watch began. */
  readonly initial: Service;
  readonly events: ServiceChangeEvent[];
}

/** A lapse in what discovery showed: a stable instance missing from a delivered service. */
export interface DiscoveryGap {
  clientIndex: number;
  serviceId: string;
  missing: string[];
}

/**
 * Several applications on one cluster: each registers stable instances, watches every service,
 * and on demand keeps churning (registering a fresh instance, then unregistering its previous
 * one). Everything that would count as a loss is recorded for the test to assert on.
 */
export class Fleet {
  readonly clients: ArtemisClient[];
  readonly services: readonly string[];
  readonly stable: RegistrationInstance[];
  readonly #stableByClient: RegistrationInstance[][];
  readonly watches: ServiceWatch[] = [];
  /** Stable instances missing from a service a watcher was given. */
  readonly discoveryGaps: DiscoveryGap[] = [];
  /** Server-side deletions of stable instances: a lease the cluster dropped. */
  readonly droppedLeases: EmulatorChange[] = [];
  /** Register or unregister calls of the churn that failed. */
  readonly churnFailures: Array<{ clientIndex: number; operation: string; error: unknown }> = [];
  /** Instances a server said it no longer knew, as the registries reported them. */
  readonly leasesLostOnServer: string[] = [];
  /** Heartbeat acknowledgements per client. */
  readonly acks: number[];
  /** Churn steps per client. */
  readonly churnSteps: number[];

  readonly #stableIds: Map<string, Set<string>>;
  readonly #current: Array<RegistrationInstance | undefined>;
  readonly #cleanups: Array<() => void> = [];
  #churning: Promise<void>[] = [];
  #stopChurn = false;

  constructor(
    clients: ArtemisClient[],
    options: { services: readonly string[]; stablePerService: number; store: EmulatorStore },
  ) {
    this.clients = clients;
    this.services = options.services;
    this.#stableByClient = clients.map((_, clientIndex) =>
      options.services.flatMap(serviceId =>
        Array.from({ length: options.stablePerService }, (_unused, n) =>
          chaosInstance(serviceId, `stable-c${clientIndex}-${n}`),
        ),
      ),
    );
    this.stable = this.#stableByClient.flat();
    this.#stableIds = new Map(
      options.services.map(serviceId => [
        serviceId,
        new Set(this.stable.filter(i => i.serviceId === serviceId).map(i => i.instanceId)),
      ]),
    );
    this.#current = clients.map(() => undefined);
    this.acks = clients.map(() => 0);
    this.churnSteps = clients.map(() => 0);

    clients.forEach((client, index) => {
      this.#cleanups.push(
        client.registry.events.on('heartbeat-acknowledged', () => {
          this.acks[index]! += 1;
        }),
        client.registry.events.on('lease-lost', ({ instances }) => {
          this.leasesLostOnServer.push(...instances.map(instance => instance.instanceId));
        }),
      );
    });
    const stableIds = new Set(this.stable.map(instance => instance.instanceId));
    this.#cleanups.push(
      options.store.onChange(change => {
        if (change.changeType === 'delete' && stableIds.has(change.instance.instanceId)) {
          this.droppedLeases.push(change);
        }
      }),
    );
  }

  /** Registers the stable instances, loads every service into every cache, then watches. */
  async registerAndWatch(): Promise<void> {
    await Promise.all(
      this.clients.map((client, index) => client.registry.register(this.#stableByClient[index]!)),
    );
    for (const [clientIndex, client] of this.clients.entries()) {
      for (const serviceId of this.services) {
        await waitFor(async () => {
          await client.discovery.refresh(serviceId).catch(() => undefined);
          const service = await client.discovery.getService(serviceId);
          return this.missingStable(serviceId, service.instances).length === 0;
        }, LONG_WAIT_MS);
        this.#watch(clientIndex, client, await client.discovery.getService(serviceId));
      }
    }
  }

  /** Starts every client's churn loop; `stopChurn` ends it. */
  startChurn(): void {
    this.#stopChurn = false;
    this.#churning = this.clients.map((client, index) => this.#churn(client, index));
  }

  async stopChurn(): Promise<void> {
    this.#stopChurn = true;
    await Promise.all(this.#churning);
  }

  /** Waits until every client got `beats` more acknowledged heartbeats and did `steps` more churn. */
  async progress(beats = 3, steps = 2): Promise<void> {
    const acksAt = [...this.acks];
    const stepsAt = [...this.churnSteps];
    const churning = this.#churning.length > 0 && !this.#stopChurn;
    await waitFor(
      () =>
        this.acks.every((count, i) => count >= acksAt[i]! + beats) &&
        (!churning || this.churnSteps.every((count, i) => count >= stepsAt[i]! + steps)),
      LONG_WAIT_MS,
    );
  }

  /** The instanceIds a service should have now: stable ones plus each client's churn instance. */
  expectedIds(serviceId: string): string[] {
    const churned = this.#current.filter(i => i?.serviceId === serviceId).map(i => i!.instanceId);
    return [...this.#stableIds.get(serviceId)!, ...churned].sort();
  }

  missingStable(serviceId: string, instances: ReadonlyArray<{ instanceId: string }>): string[] {
    const shown = new Set(instances.map(instance => instance.instanceId));
    return [...this.#stableIds.get(serviceId)!].filter(id => !shown.has(id));
  }

  /** Waits until the server, every cache and every watcher's last event show `expectedIds`. */
  async settle(store: EmulatorStore): Promise<void> {
    for (const serviceId of this.services) {
      const expected = this.expectedIds(serviceId);
      await converge(`the server's ${serviceId}`, expected, () => liveIds(store, serviceId));
      for (const [index, client] of this.clients.entries()) {
        await converge(`client ${index}'s cached ${serviceId}`, expected, async () => {
          const service = await client.discovery.getService(serviceId);
          return idsOf(service.instances);
        });
      }
      for (const watch of this.watches.filter(w => w.serviceId === serviceId)) {
        // A service back where it started has no event to show it, and needs none.
        await converge(`client ${watch.clientIndex}'s last ${serviceId} event`, expected, () =>
          idsOf((watch.events.at(-1)?.service ?? watch.initial).instances),
        );
      }
    }
  }

  async close(): Promise<void> {
    await this.stopChurn();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    await Promise.all(this.clients.map(client => client.close()));
  }

  #watch(clientIndex: number, client: ArtemisClient, initial: Service): void {
    const { serviceId } = initial;
    const watch: ServiceWatch = { clientIndex, serviceId, initial, events: [] };
    this.watches.push(watch);
    const subscription = client.discovery.watch(serviceId).subscribe(event => {
      watch.events.push(event);
      const missing = this.missingStable(serviceId, event.service.instances);
      if (missing.length > 0) this.discoveryGaps.push({ clientIndex, serviceId, missing });
    });
    this.#cleanups.push(() => subscription.unsubscribe());
  }

  async #churn(client: ArtemisClient, index: number): Promise<void> {
    let step = 0;
    while (!this.#stopChurn) {
      const serviceId = this.services[step % this.services.length]!;
      const next = chaosInstance(serviceId, `churn-c${index}-${step}`);
      const previous = this.#current[index];
      step += 1;

      try {
        await client.registry.register([next]);
        this.#current[index] = next;
      } catch (error) {
        this.churnFailures.push({
          clientIndex: index,
          operation: `register ${next.instanceId}`,
          error,
        });
      }
      if (previous && this.#current[index] === next) {
        try {
          await client.registry.unregister([previous]);
        } catch (error) {
          this.churnFailures.push({
            clientIndex: index,
            operation: `unregister ${previous.instanceId}`,
            error,
          });
        }
      }
      this.churnSteps[index]! += 1;
      await pause(50);
    }
  }
}

/** Starts one client per application on the cluster and wires the fleet's bookkeeping. */
export function startFleet(options: FleetOptions): Fleet {
  const count = options.clients ?? 3;
  const clients = Array.from({ length: count }, (_, index) =>
    createArtemisClient({
      ...CHAOS_OPTIONS,
      flavor: options.flavor,
      serverUrls: [...options.serverUrls],
      ...options.clientOptions?.(index),
    }),
  );
  return new Fleet(clients, {
    services: options.services ?? ['chaos-a', 'chaos-b'],
    stablePerService: options.stablePerService ?? 2,
    store: options.store,
  });
}

export function chaosInstance(serviceId: string, name: string): RegistrationInstance {
  return {
    regionId: REGION,
    zoneId: ZONE,
    serviceId,
    instanceId: `${serviceId}-${name}`,
    ip: '127.0.0.1',
    port: 8080,
    url: `http://127.0.0.1:8080/${name}`,
    status: 'up',
  };
}

/** The instanceIds the cluster holds a live lease for (a Java unregister leaves an evicted one). */
export function liveIds(store: EmulatorStore, serviceId: string): string[] {
  return idsOf(
    store
      .leases()
      .filter(lease => !lease.evicted && lease.instance.serviceId === serviceId)
      .map(lease => lease.instance),
  );
}

export function idsOf(instances: ReadonlyArray<{ instanceId: string }>): string[] {
  return instances.map(instance => instance.instanceId).sort();
}

/** Waits until `read` gives `expected`; the error says what it gave last. */
async function converge(
  what: string,
  expected: readonly string[],
  read: () => string[] | Promise<string[]>,
): Promise<void> {
  let last: string[] = [];
  try {
    await waitFor(async () => {
      last = await read();
      return sameIds(last, expected);
    }, LONG_WAIT_MS);
  } catch {
    throw new Error(`${what} never became [${expected.join(', ')}]; last [${last.join(', ')}]`);
  }
}

function sameIds(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((id, i) => id === expected[i]);
}

function pause(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
