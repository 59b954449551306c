import type { NodeContext } from '../node-context.js';
import type { ClusterMember } from '../store.js';
import type { JsonObject } from '../types.js';
import type { RateLimiter } from './rate-limiter.js';
import { JAVA_RATE_LIMITED, JAVA_SUCCESS } from './wire.js';

/**
 * A ServiceNodeStatus as Jackson writes it: the node and its status. Its flags have `Boolean
 * isXxx()` getters, which Jackson does not take for properties, so they are left out.
 */
function nodeStatus(member: ClusterMember): JsonObject {
  const zone = { metadata: null, regionId: member.regionId, zoneId: member.zoneId };
  return { node: { url: member.nodeUrl(), zone }, status: member.isUp() ? 'up' : 'down' };
}

/** status/node.json: this node, `down` while faulted to service-unavailable. */
export function javaNodeStatus(ctx: NodeContext): JsonObject {
  return { nodeStatus: nodeStatus(ctx.member), responseStatus: JAVA_SUCCESS };
}

/** status/cluster.json: every configured node, up or not; rate limited as `get-cluster`. */
export function javaClusterStatus(ctx: NodeContext, limiter: RateLimiter | undefined): JsonObject {
  if (limiter && !limiter.allow('get-cluster', ctx.store.now())) {
    return { nodeCount: 0, nodesStatus: null, responseStatus: JAVA_RATE_LIMITED };
  }

  const nodesStatus = ctx.store.members().map(nodeStatus);
  return { nodeCount: nodesStatus.length, nodesStatus, responseStatus: JAVA_SUCCESS };
}

/** status/message/connections.json: open sessions per handler, as strings. */
export function javaConnections(counts: { registry: number; discovery: number }): JsonObject {
  return { discovery: String(counts.discovery), registry: String(counts.registry) };
}
