import { InvalidReplyError } from '../errors.js';

/** Nesting deeper than this is not a protocol message; refusing it keeps recursion bounded. */
const MAX_DEPTH = 64;
const EXCERPT_LENGTH = 120;

/**
 * Turns what a transport received into a JSON value: a string (or UTF-8 bytes) is decoded, any
 * other value is taken as already decoded. Bad JSON becomes an {@link InvalidReplyError}.
 */
export function decodeJson(input: unknown, what: string): unknown {
  const text = toText(input);
  if (text === undefined) return input;

  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidReplyError(what, {
      issues: ['not JSON'],
      excerpt: excerptOf(text),
      cause: error,
    });
  }
}

/**
 * Copies a JSON value without its `null`s: a property holding `null` is left out, a `null` array
 * entry is dropped. Both servers may write explicit nulls (Java always does), and the model treats
 * them as absent. `__proto__` keys are skipped so that a reply cannot reach a prototype.
 */
export function stripNulls(value: unknown, what: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new InvalidReplyError(what, { issues: ['nested too deeply'] });

  if (Array.isArray(value)) {
    return value.filter(item => item !== null).map(item => stripNulls(item, what, depth + 1));
  }
  if (typeof value !== 'object' || value === null) return value;

  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || key === '__proto__') continue;
    copy[key] = stripNulls(entry, what, depth + 1);
  }
  return copy;
}

/** The first characters of a body, with control characters blanked, for error messages. */
export function excerptOf(text: string): string {
  const head = text.slice(0, EXCERPT_LENGTH).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return text.length > EXCERPT_LENGTH ? `${head}…` : head;
}

function toText(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return new TextDecoder().decode(input);
  if (input instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(input));
  return undefined;
}
