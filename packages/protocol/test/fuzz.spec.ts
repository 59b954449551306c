import {
  ArtemisError,
  classifyReply,
  decodeJson,
  isServiceNotFound,
  discoveryConfigSchema,
  instanceChangeSchema,
  instanceSchema,
  parseHeartbeatReply,
  parseJavaChangeFrame,
  parseLookupReply,
  parseRegisterReply,
  parseRfc3339,
  parseRustServerFrame,
  parseServiceReply,
  parseServicesReply,
  parseUnregisterReply,
  parseUpNodesReply,
  parseWith,
  serviceSchema,
  stripNulls,
} from '../src/index.js';
import type { ClassifiableReply } from '../src/index.js';
import { contractBreach } from './fuzz/check.js';
import { randomMutants, structuralMutants, textualMutants } from './fuzz/mutations.js';
import type { Mutant } from './fuzz/mutations.js';
import { fuzzSeed, Prng } from './fuzz/prng.js';
import { randomBytes, randomJson } from './fuzz/random-values.js';
import { SEEDS } from './fuzz/seeds.js';
import type { ParserFamily } from './fuzz/seeds.js';

type Reader = (input: unknown) => unknown;

/**
 * A reply reader followed by what the SDK does next with a reply, so that a parsed value which
 * only breaks its first user counts as a breach too.
 */
function thenClassified(parse: (input: unknown) => ClassifiableReply): Reader {
  return input => {
    const reply = parse(input);
    classifyReply(reply);
    return reply;
  };
}

function thenServiceNotFoundChecked(input: unknown): unknown {
  const reply = parseServiceReply(input);
  classifyReply(reply);
  isServiceNotFound(reply);
  return reply;
}

// Every exported reader of server data, by the family of bodies it reads.
const READERS: Record<ParserFamily, Record<string, Reader>> = {
  registry: {
    parseRegisterReply: thenClassified(parseRegisterReply),
    parseHeartbeatReply: thenClassified(parseHeartbeatReply),
    parseUnregisterReply: thenClassified(parseUnregisterReply),
  },
  service: { parseServiceReply: thenServiceNotFoundChecked },
  services: {
    parseServicesReply: thenClassified(parseServicesReply),
    parseLookupReply: thenClassified(parseLookupReply),
  },
  'up-nodes': { parseUpNodesReply: thenClassified(parseUpNodesReply) },
  'java-frame': { parseJavaChangeFrame },
  'rust-frame': { parseRustServerFrame },
};

// The tolerant building blocks, for replies the package does not model.
const BUILDING_BLOCKS: Record<string, Reader> = {
  decodeJson: input => decodeJson(input, 'fuzz body'),
  stripNulls: input => stripNulls(input, 'fuzz body'),
  'parseWith(instanceSchema)': input => parseWith(instanceSchema, input, 'instance'),
  'parseWith(serviceSchema)': input => parseWith(serviceSchema, input, 'service'),
  'parseWith(instanceChangeSchema)': input => parseWith(instanceChangeSchema, input, 'change'),
  'parseWith(discoveryConfigSchema)': input => parseWith(discoveryConfigSchema, input, 'config'),
};

const ALL_READERS: Record<string, Reader> = Object.assign(
  {},
  ...Object.values(READERS),
  BUILDING_BLOCKS,
);

const seed = fuzzSeed();

/** Feeds inputs to readers and keeps every breach of the contract, labelled for replay. */
class FuzzRun {
  cases = 0;
  readonly breaches: string[] = [];

  feed(readers: Record<string, Reader>, label: string, input: unknown): void {
    for (const [name, read] of Object.entries(readers)) {
      this.cases++;
      const breach = contractBreach(read, input);
      if (breach) this.breaches.push(`${name} on ${label}: ${breach}`);
    }
  }

  /** Feeds a value, and its JSON text as a server would send it. */
  feedValueAndText(readers: Record<string, Reader>, label: string, value: unknown): void {
    this.feed(readers, label, value);

    const text = JSON.stringify(value);
    if (text !== undefined) this.feed(readers, `${label} (as text)`, text);
  }

  /** Passes when nothing broke; the seed is part of what a failure prints. */
  expectNoBreach(minimumCases: number): void {
    expect({ seed, breaches: this.breaches.slice(0, 20) }).toEqual({ seed, breaches: [] });
    expect(this.cases).toBeGreaterThanOrEqual(minimumCases);
  }
}

describe('contractBreach', () => {
  it('passes a plain value and an InvalidReplyError', () => {
    expect(contractBreach(() => ({ list: [1] }), 'x')).toBeUndefined();
    expect(contractBreach(() => parseRustServerFrame('nope'), 'x')).toBeUndefined();
  });

  it('flags an escaping TypeError, a foreign code and an odd prototype', () => {
    const typeError = (): never => {
      throw new TypeError('boom');
    };
    const foreignCode = (): never => {
      throw new ArtemisError('ARTEMIS_SOMETHING_ELSE', 'other');
    };
    expect(contractBreach(typeError, 'x')).toMatch(/^threw TypeError/);
    expect(contractBreach(foreignCode, 'x')).toBe('threw code ARTEMIS_SOMETHING_ELSE');
    expect(contractBreach(() => ({ inner: Object.create({ polluted: 1 }) }), 'x')).toMatch(
      /odd prototype at \(root\)\.inner/,
    );
  });

  it('flags a write to Object.prototype', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      expect(contractBreach(() => (prototype['polluted'] = 'yes'), 'x')).toMatch(/polluted/);
    } finally {
      delete prototype['polluted'];
    }
  });
});

describe('protocol readers under fuzzing', () => {
  it('read every seed body with the readers of its family', () => {
    for (const { label, family, text } of SEEDS) {
      for (const [name, read] of Object.entries(READERS[family])) {
        expect({ label, name, parsed: typeof read(text) }).toEqual({
          label,
          name,
          parsed: 'object',
        });
      }
    }
  });

  it('keep the contract on random JSON values', () => {
    const prng = new Prng(seed);
    const run = new FuzzRun();

    for (let i = 0; i < 300; i++) {
      run.feedValueAndText(ALL_READERS, `random value #${i}`, randomJson(prng));
    }
    run.expectNoBreach(300 * 2 * 15);
  });

  it('keep the contract on random bytes', () => {
    const prng = new Prng(seed + 1);
    const run = new FuzzRun();

    for (let i = 0; i < 150; i++) {
      const bytes = randomBytes(prng);
      run.feed(ALL_READERS, `random bytes #${i} (Uint8Array)`, bytes);
      run.feed(ALL_READERS, `random bytes #${i} (Buffer)`, Buffer.from(bytes));
      run.feed(ALL_READERS, `random bytes #${i} (ArrayBuffer)`, bytes.slice().buffer);
    }
    run.expectNoBreach(150 * 3 * 15);
  });

  it('keep the contract on every field of every seed dropped, retyped, nulled or bloated', () => {
    const run = new FuzzRun();

    for (const { label, family, text } of SEEDS) {
      const mutants = structuralMutants(JSON.parse(text));
      mutants.forEach((mutant, index) => {
        // Every mutant as a value; a sample also as text, which costs a JSON round trip.
        const feedText = index % 5 === 0;
        feedMutant(run, READERS[family], `${label}: ${mutant.label}`, mutant, feedText);
      });
    }
    run.expectNoBreach(5_000);
  });

  it('keep the contract on truncated and corrupted text of every seed', () => {
    const prng = new Prng(seed + 2);
    const run = new FuzzRun();

    for (const { label, text } of SEEDS) {
      for (const mutant of textualMutants(text, prng, 20)) {
        run.feed(ALL_READERS, `${label}: ${mutant.label}`, mutant.input);
      }
    }
    run.expectNoBreach(SEEDS.length * 40 * 15);
  });

  it('keep the contract on random values planted in every seed', () => {
    const prng = new Prng(seed + 3);
    const run = new FuzzRun();

    for (const { label, family, text } of SEEDS) {
      for (const mutant of randomMutants(JSON.parse(text), prng, 40)) {
        feedMutant(run, READERS[family], `${label}: ${mutant.label}`, mutant, true);
      }
    }
    run.expectNoBreach(SEEDS.length * 40);
  });

  it('read random RFC 3339 times to the instant Date.parse gives, or refuse impossible ones', () => {
    const prng = new Prng(seed + 4);
    const mismatches: string[] = [];

    for (let i = 0; i < 2_000; i++) {
      const time = randomDateTime(prng);
      const expected = time.possible ? Date.parse(time.text) : undefined;
      const actual = parseRfc3339(time.text);
      if (actual !== expected) mismatches.push(`${time.text}: ${actual} instead of ${expected}`);
    }
    expect({ seed, mismatches: mismatches.slice(0, 20) }).toEqual({ seed, mismatches: [] });
  });
});

/**
 * A date-time in RFC 3339 form whose fields are drawn a little beyond their ranges, and whether
 * it names a real instant. Leap seconds are left out: Date.parse refuses them.
 */
function randomDateTime(prng: Prng): { text: string; possible: boolean } {
  const [year, month, day] = [prng.int(10_000), prng.int(14), prng.int(33)];
  const [hour, minute, second, millis] = [prng.int(25), prng.int(61), prng.int(60), prng.int(1000)];
  const [zoneHour, zoneMinute] = [prng.int(25), prng.int(61)];

  // 2000 is a multiple of 400, so year + 2000 has the same calendar, and Date.UTC reads it as is.
  const days = new Date(Date.UTC(year + 2000, month, 0)).getUTCDate();
  const utc = prng.chance(0.3);
  const possible =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    hour <= 23 &&
    minute <= 59 &&
    (utc || (zoneHour <= 23 && zoneMinute <= 59));

  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const zone = utc ? 'Z' : `${prng.pick(['+', '-'])}${pad(zoneHour)}:${pad(zoneMinute)}`;
  const text =
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
    `.${pad(millis, 3)}${zone}`;
  return { text, possible };
}

function feedMutant(
  run: FuzzRun,
  readers: Record<string, Reader>,
  label: string,
  mutant: Mutant,
  asText: boolean,
): void {
  if (asText) run.feedValueAndText(readers, label, mutant.input);
  else run.feed(readers, label, mutant.input);
}
