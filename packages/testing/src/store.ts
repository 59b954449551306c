import type { EmulatorChange, EmulatorInstance } from './types.js';

/** One lease as a server keeps it. */
export interface Lease {
  readonly key: string;
  instance: EmulatorInstance;
  ttlMs: number;
  /** Epoch milliseconds of the registration that created this lease. */
  registeredAt: number;
  /** Epoch milliseconds of the last registration or renewal. */
  renewedAt: number;
  /** Java: unregistered, waiting for the cleaner. */
  evicted: boolean;
}

/** A node of a cluster, as the Java up-nodes APIs list it. */
export interface ClusterMember {
  /** Base URL with the context path and a trailing '/', as Java node URLs are configured. */
  readonly nodeUrl: () => string;
  readonly regionId: string;
  readonly zoneId: string;
  /** Running and able to serve (not stopped, not faulted to service-unavailable). */
  readonly isUp: () => boolean;
  /** Rust: the node's id in status replies (a UUID, as the server generates by default). */
  readonly nodeId?: string;
  /** Rust: the listen address its status replies give as the node URL, `http://host:port`. */
  readonly listenUrl?: () => string;
}

type ChangeListener = (change: EmulatorChange) => void;
type RenewalListener = (lease: Lease) => void;

/**
 * The data of one emulated cluster: leases, the change stream and the members. Several emulator
 * nodes given the same store behave as one replicated cluster.
 */
export class EmulatorStore {
  readonly #leases = new Map<string, Lease>();
  readonly #listeners = new Set<ChangeListener>();
  readonly #renewalListeners = new Set<RenewalListener>();
  readonly #members = new Set<ClusterMember>();
  readonly #now: () => number;

  /** @param now clock in epoch milliseconds, `Date.now` by default */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  now(): number {
    return this.#now();
  }

  get(key: string): Lease | undefined {
    return this.#leases.get(key);
  }

  leases(): Lease[] {
    return [...this.#leases.values()];
  }

  /** Stores a fresh lease under `key`, replacing any other, and emits `new`. */
  put(key: string, instance: EmulatorInstance, ttlMs: number): Lease {
    const now = this.#now();
    const lease: Lease = {
      key,
      instance,
      ttlMs,
      registeredAt: now,
      renewedAt: now,
      evicted: false,
    };
    this.#leases.set(key, lease);
    this.emit({ instance, changeType: 'new', changeTime: now });
    return lease;
  }

  /** Marks the lease renewed now and tells the renewal listeners; undefined when there is none. */
  renew(key: string): Lease | undefined {
    const lease = this.#leases.get(key);
    if (!lease) return undefined;

    lease.renewedAt = this.#now();
    for (const listener of [...this.#renewalListeners]) {
      try {
        listener(lease);
      } catch {
        // As for changes: one broken listener must not stop a renewal.
      }
    }
    return lease;
  }

  /** Calls `listener` on every renewal, whichever node took it; returns the unsubscribe function. */
  onRenew(listener: RenewalListener): () => void {
    this.#renewalListeners.add(listener);
    return () => this.#renewalListeners.delete(listener);
  }

  /** Removes the lease and emits `delete`; false when there was none. */
  remove(key: string): boolean {
    const lease = this.#leases.get(key);
    if (!lease) return false;

    this.#leases.delete(key);
    this.emit({ instance: lease.instance, changeType: 'delete', changeTime: this.#now() });
    return true;
  }

  /** Forgets everything without emitting anything: a restart that lost its data. */
  clear(): void {
    this.#leases.clear();
  }

  /** Emits a change to every listener; a throwing listener does not stop the others. */
  emit(change: EmulatorChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch {
        // A broken subscriber must not stop the server's own bookkeeping.
      }
    }
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  join(member: ClusterMember): () => void {
    this.#members.add(member);
    return () => this.#members.delete(member);
  }

  members(): ClusterMember[] {
    return [...this.#members];
  }
}
