import { z } from 'zod';

import { InvalidRequestError } from '../errors.js';
import { parseWith } from '../json/parse-with.js';
import { instanceChangeSchema } from '../model/instance-change.js';
import type { InstanceChange } from '../model/instance-change.js';
import { isText } from '../requests/context.js';

/** A frame the SDK sends on R's `/ws` (PROTOCOL 4.2.2). */
export type RustClientFrame =
  { type: 'subscribe' | 'unsubscribe'; serviceId: string } | { type: 'ping' };

/** A frame R's `/ws` sends (PROTOCOL 4.2.3, 4.2.4), read into camelCase. */
export type RustServerFrame =
  | { type: 'subscribed' | 'unsubscribed'; serviceId: string }
  | { type: 'pong' }
  | { type: 'error'; message: string }
  | { type: 'service_change'; serviceId: string; changes: InstanceChange[] };

/**
 * The JSON text of a client frame. On the wire the field is snake_case `service_id`. Throws
 * `InvalidRequestError` on an empty serviceId.
 */
export function buildRustFrame(frame: RustClientFrame): string {
  if (frame.type === 'ping') return JSON.stringify({ type: 'ping' });

  if (!isText(frame.serviceId)) {
    throw new InvalidRequestError('Invalid WebSocket frame: serviceId is empty', ['serviceId']);
  }
  return JSON.stringify({ type: frame.type, service_id: frame.serviceId });
}

const subscriptionFrameSchema = z
  .object({ type: z.enum(['subscribed', 'unsubscribed']), service_id: z.string() })
  .transform(frame => ({ type: frame.type, serviceId: frame.service_id }));

const serviceChangeFrameSchema = z
  .object({
    type: z.literal('service_change'),
    service_id: z.string(),
    changes: z.array(instanceChangeSchema).default([]),
  })
  .transform(frame => ({ type: frame.type, serviceId: frame.service_id, changes: frame.changes }));

const rustServerFrameSchema: z.ZodType<RustServerFrame> = z.union([
  subscriptionFrameSchema,
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), message: z.string().default('') }),
  serviceChangeFrameSchema,
]);

/** Reads a frame from R's `/ws` (text, bytes or a decoded value). Throws `InvalidReplyError`. */
export function parseRustServerFrame(data: unknown): RustServerFrame {
  return parseWith(rustServerFrameSchema, data, 'WebSocket frame');
}
