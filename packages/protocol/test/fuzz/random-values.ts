import type { Prng } from './prng.js';

// Words the parsers look for, so that random objects now and then hit a real field or value.
const KEYS = [
  'responseStatus',
  'errorCode',
  'status',
  'message',
  'errorMessage',
  'failedInstances',
  'failedInstanceKeys',
  'instance',
  'instances',
  'service',
  'services',
  'serviceId',
  'instanceId',
  'regionId',
  'zoneId',
  'groupId',
  'port',
  'metadata',
  'nodes',
  'url',
  'zone',
  'type',
  'service_id',
  'changes',
  'changeType',
  'changeTime',
  'version',
  'routeRules',
  'groups',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
];

const WORDS = [
  'success',
  'partial_fail',
  'bad-request',
  'fail',
  'new',
  'delete',
  'change',
  'reload',
  'subscribed',
  'unsubscribed',
  'pong',
  'error',
  'service_change',
  'up',
  '2026-03-08T05:34:03.123456789Z',
  '9999-99-99T99:99:99Z',
  'http://10.0.0.5:8080/hello',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '💥',
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  8080,
  65_536,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1550800000123,
];

/** A random string: a protocol word, random UTF-16 code units, or occasionally a long run. */
export function randomText(prng: Prng): string {
  const roll = prng.int(10);
  if (roll < 5) return prng.pick(WORDS);
  if (roll < 9) {
    const length = prng.int(24);
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(prng.int(0x10000));
    return text;
  }
  return prng.pick(['x', '{', '"', '\\']).repeat(1 + prng.int(100_000));
}

/** A random number, finite, from a list of awkward ones or drawn at random. */
export function randomNumber(prng: Prng): number {
  if (prng.chance(0.5)) return prng.pick(NUMBERS);
  return (prng.next() - 0.5) * 10 ** prng.int(20);
}

/** A random JSON value (what `JSON.parse` could return), at most `depth` levels deep. */
export function randomJson(prng: Prng, depth = 5): unknown {
  const roll = prng.int(depth > 0 ? 8 : 5);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return prng.chance(0.5);
    case 2:
      return randomNumber(prng);
    case 3:
    case 4:
      return randomText(prng);
    case 5:
      return Array.from({ length: prng.int(5) }, () => randomJson(prng, depth - 1));
    default:
      return randomObject(prng, depth - 1);
  }
}

/**
 * A random JSON object. Keys are set with `defineProperty`, so a `__proto__` key becomes an own
 * property, as `JSON.parse` makes it, instead of replacing the prototype.
 */
export function randomObject(prng: Prng, depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const size = prng.int(6);
  for (let i = 0; i < size; i++) {
    const key = prng.chance(0.8) ? prng.pick(KEYS) : randomText(prng);
    setOwn(object, key, randomJson(prng, depth));
  }
  return object;
}

/** Random bytes: mostly short, sometimes a JSON-looking prefix, never valid on purpose. */
export function randomBytes(prng: Prng): Uint8Array {
  const prefix = prng.chance(0.3) ? Buffer.from(prng.pick(['{"', '[', '{"type":"', '"'])) : [];
  const bytes = Uint8Array.from({ length: prng.int(64) }, () => prng.int(256));
  return Uint8Array.from([...prefix, ...bytes]);
}

/** Sets an own, enumerable property, even one named `__proto__`. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
