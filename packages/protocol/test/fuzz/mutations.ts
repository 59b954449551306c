import type { Prng } from './prng.js';
import { randomJson, randomText, setOwn } from './random-values.js';

/** One hostile variant of a valid body, with a label that says how it was made. */
export interface Mutant {
  label: string;
  input: unknown;
}

type Path = ReadonlyArray<string | number>;

/** A value nested `depth` levels deep, in objects or arrays. */
export function nested(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { serviceId: value };
  return value;
}

const HUGE_STRING = 'é'.repeat(1_000_000);

// Replacements for one field: wrong types, nulls, extremes and hostile shapes.
const REPLACEMENTS: ReadonlyArray<[string, () => unknown]> = [
  ['null', () => null],
  ['true', () => true],
  ['zero', () => 0],
  ['a string', () => 'x'],
  ['an empty string', () => ''],
  ['an empty object', () => ({})],
  ['an empty array', () => []],
  ['an array of nulls', () => [null, null]],
  ['a huge number', () => Number.MAX_VALUE],
  ['a negative huge number', () => -Number.MAX_VALUE],
  ['an unsafe integer', () => 2 ** 64],
  ['a tiny number', () => Number.MIN_VALUE],
  ['a huge string', () => HUGE_STRING],
  ['deep objects', () => nested(200, 'object')],
  ['deep arrays', () => nested(1_000, 'array')],
  ['a __proto__ object', () => JSON.parse('{"__proto__":{"polluted":"yes"}}')],
  ['a constructor object', () => ({ constructor: { prototype: { polluted: 'yes' } } })],
];

// Keys that reach prototypes in careless code; each is added to every object in turn.
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

/** Every path to a value inside `value`, the root included. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

/** What a replacement returns to remove the field instead. */
export const REMOVE = Symbol('remove');

/**
 * A copy of `root` in which the value at `path` is replaced by `replace(old)`, or removed when
 * `replace` returns {@link REMOVE}. The copy keeps hostile keys as own properties.
 */
export function withAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);

  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = withAt(copy[head as number], rest, replace);
    if (next === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(root as Record<string, unknown>)) {
    if (key !== head) {
      setOwn(copy, key, item);
      continue;
    }
    const next = withAt(item, rest, replace);
    if (next !== REMOVE) setOwn(copy, key, next);
  }
  return copy;
}

/**
 * The structural mutants of a body: for every field, the field dropped and the field replaced by
 * each of {@link REPLACEMENTS}; for every object, each hostile key added.
 */
export function structuralMutants(value: unknown): Mutant[] {
  const mutants: Mutant[] = [];
  for (const path of pathsOf(value)) {
    const where = path.join('.') || '(root)';
    if (path.length > 0)
      mutants.push({ label: `${where} dropped`, input: withAt(value, path, () => REMOVE) });

    for (const [name, make] of REPLACEMENTS) {
      mutants.push({ label: `${where} as ${name}`, input: withAt(value, path, make) });
    }

    const target = pathTarget(value, path);
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      for (const key of HOSTILE_KEYS) {
        mutants.push({
          label: `${where} with a ${key} key`,
          input: withAt(value, path, old => {
            const copy = { ...(old as object) };
            setOwn(copy, key, { polluted: 'yes', serviceId: 'x', instanceId: 'y' });
            return copy;
          }),
        });
      }
    }
  }
  return mutants;
}

/**
 * The textual mutants of a body: truncated at `cuts` random places, a random character changed,
 * a hostile key spliced in as text (so it arrives as `JSON.parse` makes it).
 */
export function textualMutants(text: string, prng: Prng, cuts: number): Mutant[] {
  const mutants: Mutant[] = [];
  for (let i = 0; i < cuts; i++) {
    const at = prng.int(text.length);
    mutants.push({ label: `truncated at ${at}`, input: text.slice(0, at) });

    const flip = prng.int(text.length);
    const character = String.fromCharCode(prng.int(128));
    mutants.push({
      label: `character ${flip} changed`,
      input: text.slice(0, flip) + character + text.slice(flip + 1),
    });
  }

  mutants.push({
    label: 'a __proto__ key spliced in',
    input: text.replace('{', '{"__proto__":{"polluted":"yes"},'),
  });
  mutants.push({
    label: 'every object opened with a __proto__ key',
    input: text.replaceAll('{', '{"__proto__":{"polluted":"yes"},'),
  });
  const depth = 20_000;
  mutants.push({
    label: `a field nested ${depth} levels deep spliced in`,
    input: text.replace('{', `{"deep":${'['.repeat(depth)}${']'.repeat(depth)},`),
  });
  mutants.push({
    label: 'as UTF-8 bytes, cut in half',
    input: Buffer.from(text).subarray(0, text.length >> 1),
  });
  return mutants;
}

/** Random mutants: a random value put at a random path, `count` times. */
export function randomMutants(value: unknown, prng: Prng, count: number): Mutant[] {
  const paths = pathsOf(value);
  return Array.from({ length: count }, () => {
    const path = prng.pick(paths);
    const replacement = prng.chance(0.2) ? randomText(prng) : randomJson(prng, 3);
    return {
      label: `${path.join('.') || '(root)'} randomised`,
      input: withAt(value, path, () => replacement),
    };
  });
}

function pathTarget(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value;
}
