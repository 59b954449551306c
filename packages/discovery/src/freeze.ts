/**
 * Freezes a JSON-like value and everything inside it, so the objects the cache hands out can
 * be shared with every caller without a copy and without a caller being able to corrupt them.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;

  for (const key of Object.keys(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return Object.freeze(value);
}
