import { request } from 'undici';

import {
  buildServicesRequest,
  hasErrorCode,
  parseRegisterReply,
  parseServicesReply,
  REST_PATHS,
} from '@artemis/protocol';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator } from '@artemis/testing';

import { clientFor, failureOf, register } from './fixtures';

describe.each(['java', 'rust'] as const)('replies that are not plain JSON (%s)', flavor => {
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('turns a text/plain error reply into an HTTP status error with an excerpt, not retried', async () => {
    const { http, close } = clientFor([emulator.url]);
    try {
      emulator.faults.failNext(1, 422);
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_HTTP_STATUS');
      expect(error).toMatchObject({ status: 422, excerpt: 'Injected failure 422' });
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('turns an empty 404 into an HTTP status error', async () => {
    const { http, close } = clientFor([emulator.url]);
    try {
      const error = await failureOf(
        http.post(
          'api/registry/no-such-route.json',
          {},
          { operation: 'x', parse: parseRegisterReply },
        ),
      );
      expect(error.code).toBe('ARTEMIS_HTTP_STATUS');
      expect(error).toMatchObject({ status: 404 });
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('turns an HTML page into an invalid-reply error with the start of the page', async () => {
    const { http, close } = clientFor([emulator.url], { httpRetryCount: 1 });
    try {
      emulator.faults.garbage('html');
      const error = await failureOf(register(http));
      const cause = error.cause as { code?: string; excerpt?: string; issues?: string[] };
      expect(cause.code).toBe('ARTEMIS_INVALID_REPLY');
      expect(cause.excerpt).toContain('<html>');
      expect(cause.issues).toEqual(['not JSON']);
    } finally {
      await close();
    }
  });

  it('turns JSON of the wrong shape into an invalid-reply error', async () => {
    const { http, close } = clientFor([emulator.url], { httpRetryCount: 1 });
    try {
      emulator.faults.garbage('wrong-types');
      const error = await failureOf(register(http));
      expect(hasErrorCode(error.cause, 'ARTEMIS_INVALID_REPLY')).toBe(true);
    } finally {
      await close();
    }
  });

  it('refuses a body over the size limit with a typed error', async () => {
    const { http, close } = clientFor(
      [emulator.url],
      { httpRetryCount: 1 },
      { maxResponseBytes: 1024 * 1024 },
    );
    try {
      emulator.faults.garbage('huge');
      const error = await failureOf(register(http));
      expect(hasErrorCode(error.cause, 'ARTEMIS_RESPONSE_TOO_LARGE')).toBe(true);
      expect(error.cause).toMatchObject({ maxBytes: 1024 * 1024 });
    } finally {
      await close();
    }
  });
});

describe('gzip-encoded replies (java)', () => {
  it('reads a gzip-encoded reply when the application asks for compression', async () => {
    const emulator = await startArtemisEmulator({ flavor: 'java' });
    for (let i = 0; i < 40; i++) {
      emulator.registerInstance({
        serviceId: 'big-service',
        instanceId: `instance-${i}`,
        ip: '10.1.1.1',
        port: 8000 + i,
      });
    }
    const headers = { 'Accept-Encoding': 'gzip' };
    const body = buildServicesRequest({ regionId: 'test', zoneId: 'test-z1' });
    const { http, close } = clientFor([emulator.url], { headers });
    try {
      // The same request by hand, to show the server does compress this reply.
      const raw = await request(`${emulator.url}/${REST_PATHS.services}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await raw.body.dump();
      expect(raw.headers['content-encoding']).toBe('gzip');

      const result = await http.post(REST_PATHS.services, body, {
        operation: 'services',
        parse: parseServicesReply,
      });
      expect(result.classification.kind).toBe('success');
      const service = result.reply.services.find(s => s.serviceId === 'big-service');
      expect(service?.instances).toHaveLength(40);
    } finally {
      await close();
      await emulator.close();
    }
  });
});

describe('text replies of the Rust server', () => {
  it('reports its 422 deserialisation text without retrying', async () => {
    const emulator = await startArtemisEmulator({ flavor: 'rust' });
    const { http, close } = clientFor([emulator.url]);
    try {
      const error = await failureOf(
        http.post(
          REST_PATHS.register,
          { instances: [{ serviceId: 'no-other-field' }] },
          {
            operation: 'register',
            parse: parseRegisterReply,
          },
        ),
      );
      expect(error).toMatchObject({ code: 'ARTEMIS_HTTP_STATUS', status: 422 });
      expect((error as unknown as { excerpt: string }).excerpt).toMatch(/deserialize/i);
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await close();
      await emulator.close();
    }
  });
});
