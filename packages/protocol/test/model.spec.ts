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
