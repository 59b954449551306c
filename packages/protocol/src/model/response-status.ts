import { z } from 'zod';

/**
 * The `responseStatus` envelope of either server (PROTOCOL 1.4), normalised:
 * - `errorCode` as written (J: `success`, `partial_fail`, `bad-request`, …; R: kebab-case);
 *   when a Java reply carries only `status`, that stands in for the code;
 * - `status` only on Java replies (`success`, `fail`, `partial_fail`, `unknown`, or any text);
 * - `message` from J's `message` or R's `errorMessage`; an empty text reads as absent.
 */
export const responseStatusSchema = z
  .object({
    errorCode: z.string().optional(),
    status: z.string().optional(),
    message: z.string().optional(),
    errorMessage: z.string().optional(),
  })
  .refine(raw => raw.errorCode !== undefined || raw.status !== undefined, {
    message: 'neither errorCode nor status is present',
  })
  .transform(raw => {
    const normalised: ResponseStatus = { errorCode: raw.errorCode ?? raw.status ?? 'unknown' };
    if (raw.status !== undefined) normalised.status = raw.status;

    const message = raw.message || raw.errorMessage;
    if (message) normalised.message = message;
    return normalised;
  });

/** See {@link responseStatusSchema}. */
export interface ResponseStatus {
  errorCode: string;
  status?: string;
  message?: string;
}
