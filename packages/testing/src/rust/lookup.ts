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
 * random); failures are 404/500 with a `success: false` body.
 */
export class RustLookup {
  readonly #ctx: NodeContext;
  readonly #nextIndex = new Map<string, number>();

  constructor(ctx: NodeContext) {
    this.#ctx = ctx;
  }

  handle(body: unknown): Reply {
    const object = struct(body, '', 'LookupRequest');
    const raw = requiredField(object, 'discoveryConfig', '');
    const config = readRustDiscoveryConfig(raw, 'discoveryConfig');
    const strategy = optionalString(object, 'strategy', '');
    const id = (config['serviceId'] as string).toLowerCase();

    const stored = rustInstancesOf(this.#ctx, id);
    if (stored.length === 0) return notFound(`Service not found: ${id}`);

    const up = stored.filter(instance => instance.status === 'up');
    if (up.length === 0) return notFound(`No instances found for service: ${id}`);

    let index: number;
    if (strategy === 'round-robin') {
      index = (this.#nextIndex.get(id) ?? 0) % up.length;
      this.#nextIndex.set(id, index + 1);
    } else {
      index = Math.floor(Math.random() * up.length);
    }
    const instance = up[index];
    if (!instance)
      return jsonReply('{"success":false,"message":"Failed to select instance"}', 500, RUST_JSON);
    const reply = JSON.stringify({ success: true, instance: writeRustInstance(instance) });
    return jsonReply(reply, 200, RUST_JSON);
  }
}

function notFound(message: string): Reply {
  return jsonReply(JSON.stringify({ success: false, message }), 404, RUST_JSON);
}
