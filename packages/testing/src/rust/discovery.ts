import type { NodeContext } from '../node-context.js';
import type { JsonObject } from '../types.js';
import { rustInstancesOf } from './operations.js';
import { RustServiceNames } from './service-names.js';
import {
  readRustDiscoveryConfig,
  requiredField,
  requiredString,
  rustFail,
  RUST_SUCCESS,
  struct,
  writeRustInstance,
} from './wire.js';

/** R's service.json and services.json, read from its service cache. */
export class RustDiscovery {
  readonly #ctx: NodeContext;
  readonly #names: RustServiceNames;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
    this.#names = new RustServiceNames(ctx.store);
  }

  start(): void {
    this.#names.start();
  }

  stop(): void {
    this.#names.stop();
  }

  /**
   * One service: matched case-insensitively, only `up` instances, and "Service not found" (with
   * the lowercased id) when nothing is stored under it.
   */
  service(serviceId: string): JsonObject {
    const id = serviceId.toLowerCase();
    const stored = rustInstancesOf(this.#ctx, id);
    if (stored.length === 0) return { responseStatus: rustFail(`Service not found: ${id}`) };

    const instances = stored.filter(instance => instance.status === 'up').map(writeRustInstance);
    return {
      responseStatus: RUST_SUCCESS,
      service: { serviceId: this.#names.nameOf(id), instances },
    };
  }

  serviceFromBody(body: unknown): JsonObject {
    const object = struct(body, '', 'GetServiceRequest');
    const raw = requiredField(object, 'discoveryConfig', '');
    const config = readRustDiscoveryConfig(raw, 'discoveryConfig');
    return this.service(config['serviceId'] as string);
  }

  /** Every instance of every service, with no filter and no version. */
  services(): JsonObject {
    const byService = new Map<string, JsonObject[]>();
    for (const lease of this.#ctx.store.leases()) {
      const id = lease.instance.serviceId.toLowerCase();
      const list = byService.get(id) ?? [];
      list.push(writeRustInstance(lease.instance));
      byService.set(id, list);
    }
    const services = [...byService].map(([id, instances]) => ({
      serviceId: this.#names.nameOf(id),
      instances,
    }));
    return { responseStatus: RUST_SUCCESS, services };
  }

  /** services.json: regionId and zoneId must be there, then are ignored. */
  servicesFromBody(body: unknown): JsonObject {
    const object = struct(body, '', 'GetServicesRequest');
    requiredString(object, 'regionId', '');
    requiredString(object, 'zoneId', '');
    return this.services();
  }
}
