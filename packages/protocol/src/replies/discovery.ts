import { z } from 'zod';

import { parseWith } from '../json/parse-with.js';
import { responseStatusSchema } from '../model/response-status.js';
import type { ResponseStatus } from '../model/response-status.js';
import { serviceSchema } from '../model/service.js';
import type { Service } from '../model/service.js';

/** The reply to `service.json` (PROTOCOL 3.4). R leaves `service` out for an unknown service. */
export interface ServiceReply {
  responseStatus: ResponseStatus;
  service?: Service;
}

/** The reply to J's `lookup.json` (PROTOCOL 3.7): one service per config, in request order. */
export interface LookupReply {
  responseStatus: ResponseStatus;
  services: Service[];
}

/** The reply to `services.json` (PROTOCOL 3.5); `version` (epoch ms) only on J. */
export interface ServicesReply {
  responseStatus: ResponseStatus;
  services: Service[];
  version?: number;
}

/** The schema of a `service.json` reply, after null removal. */
export const serviceReplySchema: z.ZodType<ServiceReply> = z.object({
  responseStatus: responseStatusSchema,
  service: serviceSchema.optional(),
});

/** The schema of a `lookup.json` reply, after null removal. */
export const lookupReplySchema: z.ZodType<LookupReply> = z.object({
  responseStatus: responseStatusSchema,
  services: z.array(serviceSchema).default([]),
});

/** The schema of a `services.json` reply, after null removal. */
export const servicesReplySchema: z.ZodType<ServicesReply> = z.object({
  responseStatus: responseStatusSchema,
  services: z.array(serviceSchema).default([]),
  version: z.number().optional(),
});

/** Reads a `service.json` reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseServiceReply(input: unknown): ServiceReply {
  return parseWith(serviceReplySchema, input, 'service reply');
}

/** Reads a J `lookup.json` reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseLookupReply(input: unknown): LookupReply {
  return parseWith(lookupReplySchema, input, 'lookup reply');
}

/** Reads a `services.json` reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseServicesReply(input: unknown): ServicesReply {
  return parseWith(servicesReplySchema, input, 'services reply');
}
