import type { NodeContext } from '../node-context.js';
import type { JsonObject } from '../types.js';
import type { RateLimiter } from './rate-limiter.js';
import { javaFail, JAVA_RATE_LIMITED, JAVA_SUCCESS } from './wire.js';

export type UpNodesOperation = 'up-registry-nodes' | 'up-discovery-nodes';

/**
 * The up-nodes APIs: every member of the cluster that is up (every node allows clients from
 * other zones, as the shipped properties say), then the seed URLs.
 */
export function javaUpNodes(
  ctx: NodeContext,
  limiter: RateLimiter | undefined,
  operation: UpNodesOperation,
): JsonObject {
  if (limiter && !limiter.allow(operation, ctx.store.now())) {
    return { nodes: null, responseStatus: JAVA_RATE_LIMITED };
  }

  const { regionId, zoneId } = ctx.options;
  const zone = { metadata: null, regionId, zoneId };
  const nodes = ctx.store
    .members()
    .filter(member => member.isUp())
    .map(member => ({
      url: member.nodeUrl(),
      zone: { ...zone, regionId: member.regionId, zoneId: member.zoneId },
    }));
  for (const url of ctx.options.seed) nodes.push({ url, zone });

  if (nodes.length === 0) {
    return {
      nodes: null,
      responseStatus: javaFail('data-not-found', 'No available service nodes.'),
    };
  }
  return { nodes, responseStatus: JAVA_SUCCESS };
}
