import { InvalidRequestError } from '../errors.js';

/** The region and zone of the client, sent with every discovery and cluster request. */
export interface RequestContext {
  regionId: string;
  zoneId: string;
}

/** Checks a context and returns a clean copy. Throws `InvalidRequestError` on an empty field. */
export function checkContext(context: RequestContext): RequestContext {
  const fields = (['regionId', 'zoneId'] as const).filter(field => !isText(context?.[field]));
  if (fields.length > 0) {
    throw new InvalidRequestError(`Invalid request context: ${fields.join(', ')}`, fields);
  }
  return { regionId: context.regionId, zoneId: context.zoneId };
}

/** True for a string with something other than white space in it. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
