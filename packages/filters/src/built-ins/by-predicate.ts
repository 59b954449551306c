import type { Instance } from '@artemis/protocol';

import { nameFilter } from '../instance-filter.js';
import type { NamedFilter } from '../instance-filter.js';

/**
 * Keeps the instances for which `predicate` returns true, under a name of your choice. If the
 * predicate throws, the whole filter fails and a chain skips it, so no instance is lost by a bug
 * in the predicate.
 */
export function byPredicate<T extends Instance = Instance>(
  name: string,
  predicate: (instance: T) => boolean,
): NamedFilter<T> {
  return {
    name,
    filter: nameFilter(name, (instances: readonly T[]) =>
      instances.filter(instance => predicate(instance)),
    ),
  };
}
