import type { EmulatorStore } from '../store.js';

/**
 * The serviceId R writes for a service. Its cache is keyed by the lowercased id, but the Service
 * it stores is named by the id of the call that last rebuilt it: the instance's own spelling on
 * register, the (lowercase) key's on unregister and eviction. So a service registered as
 * `Demo.Hello` comes back as `Demo.Hello` until one of its instances leaves.
 */
export class RustServiceNames {
  readonly #store: EmulatorStore;
  readonly #names = new Map<string, string>();
  #unsubscribe: (() => void) | undefined;

  constructor(store: EmulatorStore) {
    this.#store = store;
  }

  start(): void {
    this.#unsubscribe = this.#store.onChange(({ changeType, instance }) => {
      const id = instance.serviceId.toLowerCase();
      if (changeType === 'new') this.#names.set(id, instance.serviceId);
      if (changeType === 'delete') this.#names.set(id, id);
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /**
   * The name of the service with this lowercased id. A node that started after the last change
   * has not seen it: it uses the spelling of the newest registration, as a rebuild would.
   */
  nameOf(id: string): string {
    const known = this.#names.get(id);
    if (known !== undefined) return known;

    const newest = this.#store
      .leases()
      .filter(lease => lease.instance.serviceId.toLowerCase() === id)
      .sort((a, b) => b.registeredAt - a.registeredAt)[0];
    return newest?.instance.serviceId ?? id;
  }
}
