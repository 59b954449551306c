import { InvalidRequestError } from './errors.js';

/**
 * REST paths relative to a server's base URL (which may hold a context path). Only the `.json`
 * forms: they are the ones both servers serve (PROTOCOL 1.1, 3.11).
 */
export const REST_PATHS = {
  register: 'api/registry/register.json',
  heartbeat: 'api/registry/heartbeat.json',
  unregister: 'api/registry/unregister.json',
  service: 'api/discovery/service.json',
  services: 'api/discovery/services.json',
  /** J only: the batch lookup. R's `lookup.json` is a different operation. */
  lookup: 'api/discovery/lookup.json',
  /** J only; 404 on R. */
  upRegistryNodes: 'api/cluster/up-registry-nodes.json',
  /** J only; 404 on R. */
  upDiscoveryNodes: 'api/cluster/up-discovery-nodes.json',
  /** R only: answers the text `OK`. J has no such route. */
  health: 'health',
} as const;

/** WebSocket paths relative to a server's base URL (PROTOCOL 4.1.1, 4.2.1). */
export const WS_PATHS = {
  javaHeartbeat: 'ws/registry/heartbeat',
  javaInstanceChange: 'ws/discovery/instance-change',
  rust: 'ws',
} as const;

/**
 * Joins a base URL and path parts with exactly one `/` between each pair, keeping whatever
 * context path the base holds. Empty parts are skipped.
 */
export function joinUrl(base: string, ...parts: string[]): string {
  let joined = base.replace(/\/+$/, '');
  for (const part of parts) {
    const trimmed = part.replace(/^\/+/, '').replace(/\/+$/, '');
    if (trimmed !== '') joined = `${joined}/${trimmed}`;
  }
  return joined;
}

/**
 * The WebSocket URL of an http(s) URL: `http:` becomes `ws:`, `https:` becomes `wss:` (unlike
 * the Java client, which always wrote `ws:`). A ws(s) URL is returned as it is. Anything else
 * throws `InvalidRequestError`.
 */
export function toWebSocketUrl(httpUrl: string): string {
  const match = /^(https?|wss?):\/\//i.exec(httpUrl);
  if (!match?.[1]) {
    throw new InvalidRequestError(`Not an http or https URL: ${httpUrl.slice(0, 100)}`, ['url']);
  }

  const scheme = match[1].toLowerCase();
  const rest = httpUrl.slice(match[0].length);
  const wsScheme = scheme === 'https' || scheme === 'wss' ? 'wss' : 'ws';
  return `${wsScheme}://${rest}`;
}
