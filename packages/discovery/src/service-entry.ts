import type { DiscoveryConfig, Instance, Service } from '@artemis/protocol';

import { deepFreeze } from './freeze.js';
import { InstanceRecords } from './instance-records.js';

/** The parts of a service other than its instances, as the last fetch returned them. */
type ServiceExtras = Omit<Service, 'serviceId' | 'instances'>;

/**
 * Everything the client keeps about one service: the config it was asked with, the raw
 * records, the filtered frozen view that callers get, and how fresh that view is.
 */
export class ServiceEntry {
  readonly records = new InstanceRecords();
  /** The filtered, deep-frozen service callers get. */
  view: Service;
  extras: ServiceExtras = {};

  /**
   * Set once the service can be answered from memory: a fetch succeeded, or its copy was
   * restored from a snapshot.
   */
  ready = false;
  /** Set once a fetch settled, successfully or not; changes are reported from then on. */
  settled = false;
  lastSuccessAt = Number.NEGATIVE_INFINITY;
  lastAttemptAt = Number.NEGATIVE_INFINITY;
  lastError: unknown = undefined;
  failed = false;
  /** Set while the data comes from the snapshot of an earlier run, until a fetch succeeds. */
  restored = false;
  /** The fetch under way for this service, shared by every caller waiting for it. */
  inFlight: Promise<void> | undefined;

  /** Active watch and subscribe listeners. */
  watchers = 0;
  /** Kept in the cache for good because getService or waitForService asked for it. */
  pinned = false;

  constructor(
    readonly key: string,
    readonly config: DiscoveryConfig,
  ) {
    this.view = frozenService(config.serviceId, [], {});
  }

  get retained(): boolean {
    return this.pinned || this.watchers > 0;
  }

  /** Builds the view callers see from the raw records, through the client's filters. */
  rebuildView(filter: (instances: Instance[]) => Instance[]): Service {
    this.view = frozenService(this.config.serviceId, filter(this.records.list()), this.extras);
    return this.view;
  }
}

function frozenService(serviceId: string, instances: Instance[], extras: ServiceExtras): Service {
  return Object.freeze({ ...extras, serviceId, instances: Object.freeze(instances) }) as Service;
}

/** Keeps the fields of a fetched service other than its id and instances, frozen. */
export function extrasOf(service: Service): ServiceExtras {
  const extras: Partial<Service> = { ...service };
  delete extras.serviceId;
  delete extras.instances;
  return deepFreeze(extras as ServiceExtras);
}
