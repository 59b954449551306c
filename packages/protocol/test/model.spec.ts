import {
  InvalidInstanceError,
  instanceIdentity,
  instanceKeyOf,
  instanceSchema,
  parseRfc3339,
  serviceKey,
  stripNulls,
  validateRegistrationInstance,
} from '../src/index.js';

import { EXAMPLE_INSTANCE, R_CHANGE_TIME } from './fixtures.js';
import { catchError } from './helpers.js';

const example = JSON.parse(EXAMPLE_INSTANCE) as Record<string, unknown>;

describe('instanceSchema', () => {
  it('reads the example instance of PROTOCOL 2.1 field for field', () => {
    expect(instanceSchema.parse(example)).toEqual(example);
  });

  it('keeps any status text and drops unknown fields', () => {
    const parsed = instanceSchema.parse({ ...example, status: 'WEIRD', extra: 1 });
    expect(parsed.status).toBe('WEIRD');
    expect(parsed).not.toHaveProperty('extra');
  });

  it('reads non-string metadata values as text', () => {
    const parsed = instanceSchema.parse({ ...example, metadata: { weight: 3, canary: true } });
    expect(parsed.metadata).toEqual({ weight: '3', canary: 'true' });
  });
});

describe('instanceKeyOf', () => {
  it('derives the key as the Rust server does: lowercase serviceId, empty groupId', () => {
    const key = instanceKeyOf({ ...validInstance(), serviceId: 'Demo.Hello', regionId: 'SHA' });
    expect(key).toEqual({
      regionId: 'SHA',
      zoneId: 'sha-z1',
      serviceId: 'demo.hello',
      groupId: '',
      instanceId: '10.0.0.5:8080',
    });
  });

  it('keeps a group as it is', () => {
    expect(instanceKeyOf({ ...validInstance(), groupId: 'G1' }).groupId).toBe('G1');
  });
});

describe('instanceIdentity', () => {
  it('is equal for instances with the same key and differs otherwise', () => {
    const a = instanceIdentity({ ...validInstance(), serviceId: 'DEMO.hello' });
    const movedInstance = { ...validInstance(), ip: '10.9.9.9', port: 9090 };
    const b = instanceIdentity(movedInstance);
    const c = instanceIdentity({ ...validInstance(), zoneId: 'sha-z2' });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('cannot be confused by separators inside fields', () => {
    const a = instanceIdentity({ serviceId: 'a', instanceId: 'b/c', regionId: 'r' });
    const b = instanceIdentity({ serviceId: 'a/b', instanceId: 'c', regionId: 'r' });
    expect(a).not.toBe(b);
  });
});

describe('serviceKey', () => {
  it('lowercases the serviceId', () => {
    expect(serviceKey('Demo.Hello')).toBe('demo.hello');
  });
});

describe('parseRfc3339', () => {
  it("reads chrono's nanosecond form to epoch ms", () => {
    expect(parseRfc3339(R_CHANGE_TIME)).toBe(Date.UTC(2026, 2, 8, 5, 34, 3, 123));
  });

  it('applies an offset and accepts no fraction', () => {
    expect(parseRfc3339('2026-03-08T07:34:03+02:00')).toBe(Date.UTC(2026, 2, 8, 5, 34, 3, 0));
  });

  it('refuses text that is not a date-time', () => {
    expect(parseRfc3339('yesterday')).toBeUndefined();
    expect(parseRfc3339('2026-03-08')).toBeUndefined();
  });

  // Found by test/fuzz.spec.ts: out-of-range fields used to roll over into another date.
  it.each([
    ['month 13', '2026-13-08T05:34:03Z'],
    ['month 0', '2026-00-08T05:34:03Z'],
    ['day 0', '2026-03-00T05:34:03Z'],
    ['April 31st', '2026-04-31T05:34:03Z'],
    ['February 29th of a common year', '2026-02-29T05:34:03Z'],
    ['February 29th of 1900', '1900-02-29T05:34:03Z'],
    ['hour 24', '2026-03-08T24:00:00Z'],
    ['minute 60', '2026-03-08T05:60:03Z'],
    ['second 61', '2026-03-08T05:34:61Z'],
    ['offset hour 24', '2026-03-08T05:34:03+24:00'],
    ['offset minute 60', '2026-03-08T05:34:03-01:60'],
  ])('refuses %s instead of rolling it over', (_label, text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it('accepts February 29th of a leap year and a leap second', () => {
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseRfc3339('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseRfc3339('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
  });

  // Found by test/fuzz.spec.ts: Date.UTC reads years 0 to 99 as 1900 to 1999.
  it('reads years below 100 as written', () => {
    expect(parseRfc3339('0099-01-01T00:00:00Z')).toBe(Date.parse('0099-01-01T00:00:00Z'));
    expect(parseRfc3339('0000-01-01T00:00:00Z')).toBe(Date.parse('0000-01-01T00:00:00Z'));
  });
});

describe('validateRegistrationInstance', () => {
  it('returns a clean copy without nulls or unknown fields', () => {
    const clean = validateRegistrationInstance({
      ...validInstance(),
      groupId: null,
      metadata: null,
      extra: 'x',
    });
    expect(clean).toEqual(validInstance());
    expect(Object.values(clean)).not.toContain(null);
  });

  it('names every missing or bad field', () => {
    const bad = { ...validInstance(), url: '', status: 'UP', port: 70_000 } as Record<
      string,
      unknown
    >;
    delete bad['regionId'];
    const error = catchError(() => validateRegistrationInstance(bad));
    expect(error).toBeInstanceOf(InvalidInstanceError);
    expect((error as InvalidInstanceError).code).toBe('ARTEMIS_INVALID_INSTANCE');
    expect([...(error as InvalidInstanceError).missing].sort()).toEqual(
      ['port', 'regionId', 'status', 'url'].sort(),
    );
  });

  it('rejects a value that is not an object', () => {
    expect(catchError(() => validateRegistrationInstance('nope'))).toBeInstanceOf(
      InvalidInstanceError,
    );
  });
});

describe('stripNulls', () => {
  it('removes null properties and null array entries, deeply', () => {
    expect(stripNulls({ a: null, b: [null, { c: null, d: 1 }] }, 'x')).toEqual({ b: [{ d: 1 }] });
  });
});

function validInstance() {
  return {
    regionId: 'sha',
    zoneId: 'sha-z1',
    serviceId: 'demo.hello',
    instanceId: '10.0.0.5:8080',
    ip: '10.0.0.5',
    port: 8080,
    url: 'http://10.0.0.5:8080/hello',
    status: 'up' as const,
  };
}
