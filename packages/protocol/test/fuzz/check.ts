import { isArtemisError } from '../../src/index.js';

/** What every reader must throw for bad input, whatever the input. */
export const INVALID_REPLY_CODE = 'ARTEMIS_INVALID_REPLY';

// Messages are for people; a bounded length shows the body was not copied into them.
const MAX_MESSAGE_LENGTH = 1_200;

/**
 * Calls `parse` with `input` and returns what broke the reader's contract, or undefined when it
 * kept it: the call returned a plain value or threw an Artemis error with the stable code and a
 * short message, and no prototype was touched along the way.
 */
export function contractBreach(
  parse: (input: unknown) => unknown,
  input: unknown,
): string | undefined {
  let value: unknown;
  try {
    value = parse(input);
  } catch (error) {
    return thrownBreach(error) ?? pollutionBreach();
  }

  return returnedBreach(value) ?? pollutionBreach();
}

function thrownBreach(error: unknown): string | undefined {
  if (!isArtemisError(error)) {
    const name = error instanceof Error ? error.name : typeof error;
    return `threw ${name}: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
  }
  if (error.code !== INVALID_REPLY_CODE) return `threw code ${error.code}`;
  if (error.message.length > MAX_MESSAGE_LENGTH) return `message of ${error.message.length} chars`;
  return undefined;
}

function returnedBreach(value: unknown): string | undefined {
  const odd = oddPrototype(value, 0);
  if (odd) return `returned an object with an odd prototype at ${odd}`;

  return undefined;
}

/** The path of the first object whose prototype is not Object's or Array's. */
function oddPrototype(value: unknown, depth: number, path = '(root)'): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 100) return undefined;

  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== Array.prototype) return path;

  for (const [key, item] of Object.entries(value)) {
    const found = oddPrototype(item, depth + 1, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** A breach when anything was written onto a shared prototype. */
export function pollutionBreach(): string | undefined {
  const touched = [Object.prototype, Array.prototype, Function.prototype].find(
    prototype => Object.keys(prototype).length > 0,
  );
  if (touched) return `polluted a prototype with ${Object.keys(touched).join(', ')}`;
  if (({} as Record<string, unknown>)['polluted'] !== undefined) return 'polluted Object.prototype';
  return undefined;
}
