import { checkContext } from './context.js';
import type { RequestContext } from './context.js';

/** The body of J's up-registry-nodes and up-discovery-nodes calls (PROTOCOL 3.8). */
export type UpNodesRequest = RequestContext;

/** Builds the body of an up-nodes call. Throws `InvalidRequestError` on an empty field. */
export function buildUpNodesRequest(context: RequestContext): UpNodesRequest {
  return checkContext(context);
}
