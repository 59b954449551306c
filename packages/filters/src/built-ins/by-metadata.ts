import { nameFilter } from '../instance-filter.js';
import type { GenericInstanceFilter } from '../instance-filter.js';

/**
 * Keeps the instances whose metadata has `key`. With `value`, the entry must also equal it
 * exactly; with a list of values, it must equal one of them. Metadata keys and values are
 * compared exactly, because both servers store them as given.
 */
export function byMetadata(key: string, value?: string | readonly string[]): GenericInstanceFilter {
  const accepted =
    value === undefined ? undefined : new Set(typeof value === 'string' ? [value] : value);
  const label = accepted === undefined ? key : `${key}=${[...accepted].join('|')}`;

  return nameFilter(`byMetadata(${label})`, instances =>
    instances.filter(instance => {
      const metadata = instance.metadata;
      if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return false;

      const entry = metadata[key];
      return accepted === undefined || (entry !== undefined && accepted.has(entry));
    }),
  );
}
