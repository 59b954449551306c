import type { NodeContext } from '../node-context.js';
import type { Reply } from '../reply.js';
import { jsonReply, RUST_JSON } from '../reply.js';
import { rustInstancesOf } from './operations.js';
import {
  optionalString,
  readRustDiscoveryConfig,
  requiredField,
  struct,
  writeRustInstance,
} from './wire.js';

/**
 * R's lookup.json: pick one `up` instance with a load balancer ("round-robin", anything else is
 * random); failures are 404/500 with a `success: false` body naming the serviceId as sent.
 */
export class RustLookup {
  readonly #ctx: NodeContext;
  /** One counter for every service, as R's load balancer keeps it. */
  #roundRobinCounter = 0;

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
  }

  handle(body: unknown): Reply {
    const object = struct(body, '', 'LookupRequest');
    const raw = requiredField(object, 'discoveryConfig', '');
    const config = readRustDiscoveryConfig(raw, 'discoveryConfig');
    const strategy = optionalString(object, 'strategy', '');
    const serviceId = config['serviceId'] as string;

    const stored = rustInstancesOf(this.#ctx, serviceId);
    if (stored.length === 0) return failure(404, `Service not found: ${serviceId}`);

    const up = stored.filter(instance => instance.status === 'up');
    if (up.length === 0) return failure(404, `No instances found for service: ${serviceId}`);

    const index =
      strategy === 'round-robin'
        ? this.#roundRobinCounter++ % up.length
        : Math.floor(Math.random() * up.length);
    const instance = up[index];
    if (!instance) return failure(500, 'Failed to select instance');

    const reply = JSON.stringify({ success: true, instance: writeRustInstance(instance) });
    return jsonReply(reply, 200, RUST_JSON);
  }
}

function failure(status: number, message: string): Reply {
  return jsonReply(JSON.stringify({ success: false, message }), status, RUST_JSON);
}
