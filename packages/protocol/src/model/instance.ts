import { z } from 'zod';

import { stringMapSchema } from './strings.js';

/** The five instance statuses the Rust server accepts, lowercase. The Java server stores any. */
export const INSTANCE_STATUSES = ['starting', 'up', 'down', 'unhealthy', 'unknown'] as const;

/** One of {@link INSTANCE_STATUSES}. */
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/**
 * An instance as read from either server (PROTOCOL 2.1), normalised: serviceId and instanceId
 * are required, every other field is optional, nulls are gone, unknown fields are dropped.
 * `status` stays free text because the Java server stores any string.
 */
export const instanceSchema = z.object({
  regionId: z.string().optional(),
  zoneId: z.string().optional(),
  groupId: z.string().optional(),
  serviceId: z.string(),
  instanceId: z.string(),
  machineName: z.string().optional(),
  ip: z.string().optional(),
  port: z.number().optional(),
  protocol: z.string().optional(),
  url: z.string().optional(),
  healthCheckUrl: z.string().optional(),
  status: z.string().optional(),
  metadata: stringMapSchema.optional(),
});

/** An instance as read from a server; see {@link instanceSchema}. */
export type Instance = z.output<typeof instanceSchema>;
