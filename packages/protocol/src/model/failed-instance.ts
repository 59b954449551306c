import { z } from 'zod';

import { instanceSchema } from './instance.js';
import type { Instance } from './instance.js';

/** The Java server's report of one instance it could not handle (PROTOCOL 2.6). */
export const failedInstanceSchema = z.object({
  instance: instanceSchema,
  errorCode: z.string(),
  errorMessage: z.string().optional(),
});

/** See {@link failedInstanceSchema}. */
export type FailedInstance = z.output<typeof failedInstanceSchema>;

/**
 * An entry of `failedInstances` as either server may write it: J's FailedInstance, or the bare
 * Instance that R's type declares (R never fills it; were it to, the envelope's code applies).
 */
export function readFailedEntries(
  entries: ReadonlyArray<FailedInstance | Instance>,
  envelopeCode: string,
): FailedInstance[] {
  return entries.map(entry =>
    'instance' in entry ? entry : { instance: entry, errorCode: envelopeCode },
  );
}

/** The schema of one raw entry; see {@link readFailedEntries}. */
export const failedEntrySchema = z.union([failedInstanceSchema, instanceSchema]);
