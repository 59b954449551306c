import type { ChangeType, Instance } from '@artemis/protocol';

import { identityOf } from './instance-identity.js';

/** One instance that differs between two views of a service. */
export interface InstanceDiff {
  readonly changeType: Exclude<ChangeType, 'reload'>;
  readonly instance: Instance;
}

/**
 * The instances added, removed and changed from `before` to `after`: deletions first, then
 * changes and additions in the order of `after`.
 */
export function diffInstances(
  before: readonly Instance[],
  after: readonly Instance[],
): InstanceDiff[] {
  const previous = new Map<string, Instance>();
  for (const instance of before) previous.set(identityOf(instance), instance);

  const diffs: InstanceDiff[] = [];
  const updates: InstanceDiff[] = [];
  for (const instance of after) {
    const identity = identityOf(instance);
    const old = previous.get(identity);
    previous.delete(identity);

    if (!old) updates.push({ changeType: 'new', instance });
    else if (!sameJson(old, instance)) updates.push({ changeType: 'change', instance });
  }

  for (const instance of previous.values()) diffs.push({ changeType: 'delete', instance });
  return diffs.concat(updates);
}

/** Structural equality of two JSON-like values (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    key =>
      key in b &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
