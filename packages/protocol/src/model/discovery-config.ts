import { z } from 'zod';

import { stringMapSchema } from './strings.js';

/**
 * What a discovery request asks for (PROTOCOL 2.4). The Rust server requires regionId and zoneId;
 * the request builders fill them in from the client's context when a config leaves them out.
 */
export const discoveryConfigSchema = z.object({
  serviceId: z.string(),
  regionId: z.string().optional(),
  zoneId: z.string().optional(),
  discoveryData: stringMapSchema.optional(),
});

/** See {@link discoveryConfigSchema}. */
export type DiscoveryConfig = z.output<typeof discoveryConfigSchema>;
