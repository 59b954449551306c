import {
  InvalidReplyError,
  parseHeartbeatReply,
  parseJavaChangeFrame,
  parseLookupReply,
  parseRegisterReply,
  parseRustServerFrame,
  parseServiceReply,
  parseServicesReply,
  parseUnregisterReply,
  parseUpNodesReply,
} from '../src/index.js';
import { ZodError } from 'zod';

import { catchError } from './helpers.js';

const parsers: Record<string, (input: unknown) => unknown> = {
  parseRegisterReply,
  parseHeartbeatReply,
  parseUnregisterReply,
  parseServiceReply,
  parseLookupReply,
  parseServicesReply,
  parseUpNodesReply,
  parseJavaChangeFrame,
  parseRustServerFrame,
};

function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const huge = 'x'.repeat(5_000_000);

const malformed: Array<[string, unknown]> = [
  ['HTML error page', '<html><body><h1>HTTP Status 404</h1></body></html>'],
  ['truncated JSON', '{"responseStatus":{"errorCode":"succ'],
  ['empty body', ''],
  ['R text/plain 422', 'Failed to deserialize the JSON body into the target type: missing field'],
  ["R lookup's different envelope", '{"success":false,"message":"Service not found: demo.hello"}'],
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['an array', [{ responseStatus: { errorCode: 'success' } }]],
  ['JSON text of an array', '[1,2,3]'],
  ['JSON text of a string', '"success"'],
  ['nulls everywhere', { responseStatus: null, service: null, type: null, instance: null }],
  ['responseStatus of the wrong type', { responseStatus: 'success' }],
  ['errorCode of the wrong type', { responseStatus: { errorCode: 7 } }],
  ['an array where an object belongs', { responseStatus: [], instance: [], type: [] }],
  ['a huge string body', huge],
  ['a huge string value', { responseStatus: { errorCode: 1 }, type: huge, changeType: huge }],
  ['deep nesting', deeplyNested(100_000)],
  ['bytes that are not JSON', Buffer.from([0xff, 0xfe, 0x00])],
];

describe.each(Object.entries(parsers))('%s on malformed input', (_name, parse) => {
  it.each(malformed)('throws InvalidReplyError for %s', (_label, input) => {
    const error = catchError(() => parse(input));
    expect(error).toBeInstanceOf(InvalidReplyError);
    expect(error).not.toBeInstanceOf(ZodError);
    expect((error as InvalidReplyError).code).toBe('ARTEMIS_INVALID_REPLY');
    expect((error as InvalidReplyError).message.length).toBeLessThan(1_200);
    expect((error as InvalidReplyError).excerpt?.length ?? 0).toBeLessThanOrEqual(121);
  });
});

describe('reply fields of the wrong type', () => {
  it.each([
    [
      'failedInstances an object',
      { responseStatus: { errorCode: 'success' }, failedInstances: {} },
    ],
    [
      'a key missing instanceId',
      { responseStatus: { errorCode: 'success' }, failedInstanceKeys: [{}] },
    ],
    [
      'port a string',
      {
        responseStatus: { errorCode: 'success' },
        failedInstances: [
          { errorCode: 'x', instance: { serviceId: 's', instanceId: 'i', port: '80' } },
        ],
      },
    ],
  ])('rejects %s with a summary of the issue', (_label, input) => {
    const error = catchError(() => parseHeartbeatReply(input)) as InvalidReplyError;
    expect(error).toBeInstanceOf(InvalidReplyError);
    expect(error.issues.length).toBeGreaterThan(0);
  });

  it('summarises at most a handful of issues', () => {
    const keys = Array.from({ length: 50 }, () => ({}));
    const error = catchError(() =>
      parseHeartbeatReply({ responseStatus: { errorCode: 'success' }, failedInstanceKeys: keys }),
    ) as InvalidReplyError;
    expect(error.issues.length).toBeLessThanOrEqual(6);
  });

  it('keeps only a short excerpt of a bad body', () => {
    const error = catchError(() => parseServiceReply(`<html>${huge}`)) as InvalidReplyError;
    expect(error.excerpt?.startsWith('<html>')).toBe(true);
    expect(error.message).not.toContain(huge.slice(0, 1_000));
  });
});

describe('hostile keys', () => {
  it('cannot reach a prototype through __proto__', () => {
    const reply = parseServiceReply(
      '{"__proto__":{"polluted":true},"responseStatus":{"errorCode":"success"},' +
        '"service":{"serviceId":"s","instances":[],"metadata":{"__proto__":"x","k":"v"}}}',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(reply.service?.metadata).toEqual({ k: 'v' });
  });
});
