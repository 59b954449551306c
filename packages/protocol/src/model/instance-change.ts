import { z } from 'zod';

import { changeTimeSchema } from './change-time.js';
import { instanceSchema } from './instance.js';

/** The four kinds of change both servers know, lowercase. */
export const CHANGE_TYPES = ['new', 'delete', 'change', 'reload'] as const;

/** One of {@link CHANGE_TYPES}. `reload` means: fetch the whole service again. */
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** A change to one instance (PROTOCOL 2.5); `changeTime` is epoch ms whatever the server wrote. */
export const instanceChangeSchema = z.object({
  instance: instanceSchema,
  changeType: z.enum(CHANGE_TYPES),
  changeTime: changeTimeSchema,
});

/** See {@link instanceChangeSchema}. */
export type InstanceChange = z.output<typeof instanceChangeSchema>;
