import type { Instance, InstanceChange } from '@artemis/protocol';

import { deepFreeze } from './freeze.js';
import { identityOf } from './instance-identity.js';

interface StampedInstance {
  readonly instance: Instance;
  /** When the server's data said this, in epoch ms: a fetch's start time or a push's changeTime. */
  readonly time: number;
}

/** What happened to a pushed change. */
export type ChangeOutcome = 'applied' | 'stale';

/**
 * The raw instances of one service, merged from fetched snapshots and pushed changes, each with
 * the time its data was true. A push older than the data it would overwrite is dropped, and a
 * snapshot does not undo a push that happened after the snapshot's request was sent, so
 * duplicated, reordered or late messages cannot leave the cache wrong.
 */
export class InstanceRecords {
  readonly #instances = new Map<string, StampedInstance>();
  /** Deleted instances and when, so that an older `new` cannot bring one back. */
  readonly #tombstones = new Map<string, number>();
  /** The start time of the snapshot the records are based on; -Infinity before the first one. */
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
      if (newer && newer.time > requestedAt) continue;
      if ((this.#tombstones.get(identity) ?? Number.NEGATIVE_INFINITY) > requestedAt) continue;

      this.#instances.set(identity, { instance: deepFreeze(instance), time: requestedAt });
    }

    for (const [identity, record] of previous) {
      if (record.time > requestedAt) this.#instances.set(identity, record);
    }
    for (const [identity, time] of this.#tombstones) {
      if (time <= requestedAt) this.#tombstones.delete(identity);
    }
    this.#snapshotTime = requestedAt;
    return true;
  }

  /** Applies a pushed `new`, `change` or `delete`, unless it is older than what it overwrites. */
  applyChange(change: InstanceChange): ChangeOutcome {
    const identity = identityOf(change.instance);
    const current =
      this.#instances.get(identity)?.time ?? this.#tombstones.get(identity) ?? this.#snapshotTime;
    if (change.changeTime < current) return 'stale';

    if (change.changeType === 'delete') {
      this.#instances.delete(identity);
      this.#tombstones.set(identity, change.changeTime);
    } else {
      this.#tombstones.delete(identity);
      this.#instances.set(identity, {
        instance: deepFreeze(change.instance),
        time: change.changeTime,
      });
    }
    return 'applied';
  }
}
