import { z } from 'zod';

import { instanceSchema } from './instance.js';
import { stringMapSchema } from './strings.js';

/** A group of a Java route rule (PROTOCOL 2.3): which instances get what weight. */
export const serviceGroupSchema = z.object({
  groupKey: z.string().optional(),
  weight: z.number().optional(),
  instanceIds: z.array(z.string()).optional(),
  instances: z.array(instanceSchema).optional(),
  metadata: stringMapSchema.optional(),
});

/** See {@link serviceGroupSchema}. */
export type ServiceGroup = z.output<typeof serviceGroupSchema>;

/** A Java route rule; the Rust server routes on its side and never sends one. */
export const routeRuleSchema = z.object({
  routeId: z.string().optional(),
  strategy: z.string().optional(),
  groups: z.array(serviceGroupSchema).optional(),
});

/** See {@link routeRuleSchema}. */
export type RouteRule = z.output<typeof routeRuleSchema>;

/**
 * A service and its instances (PROTOCOL 2.3). `instances` is always an array after parsing: the
 * Java server's `null` for an unknown service reads as no instances.
 */
export const serviceSchema = z.object({
  serviceId: z.string(),
  instances: z.array(instanceSchema).default([]),
  metadata: stringMapSchema.optional(),
  logicInstances: z.array(instanceSchema).optional(),
  routeRules: z.array(routeRuleSchema).optional(),
});

/** See {@link serviceSchema}. */
export type Service = z.output<typeof serviceSchema>;
