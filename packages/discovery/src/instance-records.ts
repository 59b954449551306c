import type { Instance, InstanceChange } from '@artemis/protocol';

import { deepFreeze } from './freeze.js';
import { identityOf } from './instance-identity.js';

/** When a piece of data was true. */
interface Stamp {
  /** On the client's clock: a fetch's request time, or where the push clock placed a push. */
  readonly localTime: number;
  /** A push's `changeTime`, on the server's clock; absent for fetched data. */
  readonly changeTime?: number;
}

interface StampedInstance extends Stamp {
  readonly instance: Instance;
}

/** What happened to a pushed change. */
export type ChangeOutcome = 'applied' | 'stale';

/**
 * The raw instances of one service, merged from fetched snapshots and pushed changes, each with
 * the time its data was true. A push older than the data it would overwrite is dropped, and a
 * snapshot does not undo a push that happened after the snapshot's request was sent, so
 * duplicated, reordered or late messages cannot leave the cache wrong.
 *
 * Two pushes are ordered by the server's `changeTime`s, a push and a fetch by client times, so
 * that no comparison mixes the two clocks.
 */
export class InstanceRecords {
  readonly #instances = new Map<string, StampedInstance>();
  /** Deleted instances and when, so that an older `new` cannot bring one back. */
  readonly #tombstones = new Map<string, Stamp>();
  /** The request time of the snapshot the records are based on; -Infinity before the first. */
  #snapshotTime = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.#instances.size;
  }

  /** The current instances, in the order they were first seen. */
  list(): Instance[] {
    const list: Instance[] = [];
    for (const record of this.#instances.values()) list.push(record.instance);
    return list;
  }

  /**
   * Replaces the records with a snapshot fetched by a request sent at `requestedAt`. Changes
   * pushed after that moment are kept, since the snapshot may predate them. A snapshot requested
   * before the one already applied is ignored: answers can arrive out of order, and an older one
   * would bring back instances deleted in between.
   *
   * @returns false when the snapshot was ignored as older than the data held.
   */
  applySnapshot(instances: readonly Instance[], requestedAt: number): boolean {
    if (requestedAt < this.#snapshotTime) return false;

    const previous = new Map(this.#instances);
    this.#instances.clear();

    for (const instance of instances) {
      const identity = identityOf(instance);
      const newer = previous.get(identity);
      if (newer && newer.localTime > requestedAt) continue;
      const deletedAt = this.#tombstones.get(identity)?.localTime ?? Number.NEGATIVE_INFINITY;
      if (deletedAt > requestedAt) continue;

      this.#instances.set(identity, { instance: deepFreeze(instance), localTime: requestedAt });
    }

    for (const [identity, record] of previous) {
      if (record.localTime > requestedAt) this.#instances.set(identity, record);
    }
    for (const [identity, tombstone] of this.#tombstones) {
      if (tombstone.localTime <= requestedAt) this.#tombstones.delete(identity);
    }
    this.#snapshotTime = requestedAt;
    return true;
  }

  /**
   * Applies a pushed `new`, `change` or `delete` that the push clock placed at `localTime`,
   * unless it is older than what it overwrites.
   */
  applyChange(change: InstanceChange, localTime: number): ChangeOutcome {
    const identity = identityOf(change.instance);
    const stamp: Stamp = { localTime, changeTime: change.changeTime };
    const current = this.#instances.get(identity) ??
      this.#tombstones.get(identity) ?? { localTime: this.#snapshotTime };
    if (isOlder(stamp, current)) return 'stale';

    if (change.changeType === 'delete') {
      this.#instances.delete(identity);
      this.#tombstones.set(identity, stamp);
    } else {
      this.#tombstones.delete(identity);
      this.#instances.set(identity, { ...stamp, instance: deepFreeze(change.instance) });
    }
    return 'applied';
  }
}

function isOlder(stamp: Stamp, than: Stamp): boolean {
  if (stamp.changeTime !== undefined && than.changeTime !== undefined) {
    return stamp.changeTime < than.changeTime;
  }
  return stamp.localTime < than.localTime;
}
