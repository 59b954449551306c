import { nameFilter } from '../instance-filter.js';
import type { GenericInstanceFilter } from '../instance-filter.js';

/**
 * Keeps the instances of one region, compared ignoring case as the Java server does. An instance
 * without a region is dropped.
 */
export function byRegion(regionId: string): GenericInstanceFilter {
  const wanted = regionId.toLowerCase();

  return nameFilter(`byRegion(${regionId})`, instances =>
    instances.filter(instance => instance.regionId?.toLowerCase() === wanted),
  );
}

/** Keeps the instances of one zone, compared ignoring case. An instance without a zone is dropped. */
export function byZone(zoneId: string): GenericInstanceFilter {
  const wanted = zoneId.toLowerCase();

  return nameFilter(`byZone(${zoneId})`, instances =>
    instances.filter(instance => instance.zoneId?.toLowerCase() === wanted),
  );
}
