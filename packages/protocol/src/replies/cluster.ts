import { z } from 'zod';

import { parseWith } from '../json/parse-with.js';
import { responseStatusSchema } from '../model/response-status.js';
import type { ResponseStatus } from '../model/response-status.js';
import { serviceNodeSchema } from '../model/service-node.js';
import type { ServiceNode } from '../model/service-node.js';

/**
 * The reply to J's up-registry-nodes and up-discovery-nodes calls (PROTOCOL 3.8). `nodes` is
 * always an array; nodes with a blank url are left out, as the Java client does.
 */
export interface UpNodesReply {
  responseStatus: ResponseStatus;
  nodes: ServiceNode[];
}

/** The schema of an up-nodes reply, after null removal. */
export const upNodesReplySchema: z.ZodType<UpNodesReply> = z
  .object({
    responseStatus: responseStatusSchema,
    nodes: z.array(serviceNodeSchema).default([]),
  })
  .transform(raw => ({
    responseStatus: raw.responseStatus,
    nodes: raw.nodes.filter(node => node.url.trim() !== ''),
  }));

/** Reads an up-nodes reply (a JSON value or its text). Throws `InvalidReplyError`. */
export function parseUpNodesReply(input: unknown): UpNodesReply {
  return parseWith(upNodesReplySchema, input, 'up-nodes reply');
}
