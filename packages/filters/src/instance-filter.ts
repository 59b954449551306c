import type { Instance } from '@artemis/protocol';

/**
 * An instance filter: a plain function that returns the instances to keep. It is handed a list it
 * must not change and returns a new one; the chain gives every filter its own copy, so a filter
 * that edits its input in place cannot corrupt the caller's list.
 */
export type InstanceFilter<T extends Instance = Instance> = (instances: readonly T[]) => T[];

/** A filter with a name, used in error reports, timings and logs. */
export interface NamedFilter<T extends Instance = Instance> {
  /** Shown in `filter-error` and `filter-timing` events and in log lines. */
  name: string;
  filter: InstanceFilter<T>;
}

/**
 * A filter that works on any instance type: the built-ins are of this kind, so they fit a chain
 * over discovery's `Instance` as well as the registry's `RegistrationInstance`.
 */
export type GenericInstanceFilter = <T extends Instance>(instances: readonly T[]) => T[];

/** Gives a filter function a readable `name`, which the chain reports. */
export function nameFilter<F extends (...args: never[]) => unknown>(name: string, filter: F): F {
  Object.defineProperty(filter, 'name', { value: name, configurable: true });
  return filter;
}
