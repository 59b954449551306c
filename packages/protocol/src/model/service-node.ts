import { z } from 'zod';

/** A server node of the cluster: where to send requests, and its region and zone when known. */
export interface ServiceNode {
  url: string;
  regionId?: string;
  zoneId?: string;
}

/**
 * A node as either server writes it (PROTOCOL 2.7): J nests region and zone under `zone`, R's
 * status endpoints write them flat. Both read as a flat {@link ServiceNode}.
 */
export const serviceNodeSchema = z
  .object({
    url: z.string(),
    regionId: z.string().optional(),
    zoneId: z.string().optional(),
    zone: z.object({ regionId: z.string().optional(), zoneId: z.string().optional() }).optional(),
  })
  .transform(raw => {
    const node: ServiceNode = { url: raw.url };
    const regionId = raw.zone?.regionId ?? raw.regionId;
    const zoneId = raw.zone?.zoneId ?? raw.zoneId;
    if (regionId !== undefined) node.regionId = regionId;
    if (zoneId !== undefined) node.zoneId = zoneId;
    return node;
  });
