import type { NodeContext } from '../node-context.js';
import type { ClusterMember } from '../store.js';
import type { JsonObject } from '../types.js';
import { RUST_SUCCESS } from './wire.js';

/** A ServiceNodeStatus as R writes it: always `up`, every flag true. */
function nodeStatus(member: ClusterMember, ctx: NodeContext): JsonObject {
  const { regionId, zoneId } = ctx.options;
  return {
    node: { nodeId: member.nodeId, url: member.listenUrl?.(), regionId, zoneId },
    status: 'up',
    canServiceDiscovery: true,
    canServiceRegistry: true,
    allowRegistryFromOtherZone: true,
    allowDiscoveryFromOtherZone: true,
  };
}

/** status/node.json: this node, its URL the listen address (not one a client could use). */
export function rustNodeStatus(ctx: NodeContext): JsonObject {
  return { nodeStatus: nodeStatus(ctx.member, ctx), responseStatus: RUST_SUCCESS };
}

/** status/cluster.json: this node first, then the healthy peers, all in this node's region. */
export function rustClusterStatus(ctx: NodeContext): JsonObject {
  const peers = ctx.store.members().filter(member => member !== ctx.member && member.isUp());
  const nodesStatus = [ctx.member, ...peers].map(member => nodeStatus(member, ctx));
  return { nodesStatus, nodeCount: nodesStatus.length, responseStatus: RUST_SUCCESS };
}
