import { nameFilter } from '../instance-filter.js';
import type { GenericInstanceFilter } from '../instance-filter.js';

/**
 * Keeps the instances whose status is one of `statuses`, compared ignoring case (the Java server
 * stores any string). An instance without a status is dropped.
 */
export function byStatus(...statuses: string[]): GenericInstanceFilter {
  const wanted = new Set(statuses.map(status => status.toLowerCase()));

  return nameFilter(`byStatus(${statuses.join(',')})`, instances =>
    instances.filter(
      instance => instance.status !== undefined && wanted.has(instance.status.toLowerCase()),
    ),
  );
}
