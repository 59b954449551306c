import { Buffer } from 'node:buffer';

/**
 * Freezes an object and everything reachable from it. Buffers are left as they are, because a
 * typed array with elements cannot be frozen; the config holds its own copies of them.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;

  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
