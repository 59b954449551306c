import { z } from 'zod';

/**
 * A map of strings as the servers write it. A number or boolean value is kept as its text rather
 * than failing the whole reply, since only strings are meaningful in metadata.
 */
export const stringMapSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform(value => String(value)),
);
