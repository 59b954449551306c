import { Buffer } from 'node:buffer';

import type { ArtemisConfig } from './options.js';

/** True when two configs hold the same values, so that a no-op update emits no change. */
export function configsEqual(a: ArtemisConfig, b: ArtemisConfig): boolean {
  return valuesEqual(a, b);
}

function valuesEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) {
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;

  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    key =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      valuesEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
