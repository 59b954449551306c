import { parseWith, serviceSchema } from '@artemis/protocol';
import type { Service } from '@artemis/protocol';
import { z } from 'zod';

/** A service as a snapshot keeps it: the raw instances, before the client's filters. */
export interface SavedService {
  readonly service: Service;
  /** When the service was last fetched, in epoch ms. */
  readonly savedAt: number;
}

const FORMAT = 'artemis-discovery-snapshot';
const VERSION = 1;

const snapshotSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  services: z.array(z.object({ savedAt: z.number(), service: serviceSchema })),
});

/** The text of a snapshot of `services`. */
export function encodeSnapshot(services: Iterable<SavedService>): string {
  return JSON.stringify({ format: FORMAT, version: VERSION, services: [...services] });
}

/**
 * Reads the text of a snapshot, as tolerantly as a server reply. Throws an `InvalidReplyError`
 * naming what is wrong when the text is not a snapshot of this version; the caller wraps it.
 */
export function decodeSnapshot(text: string): SavedService[] {
  return parseWith(snapshotSchema, text, 'discovery snapshot').services;
}
