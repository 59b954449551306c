import { gzipSync } from 'node:zlib';
import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post } from './helpers.js';

const SUCCESS =
  '{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}';

describe('java emulator registry', () => {
  let emulator: ArtemisEmulator;
  const api = (path: string) => `${emulator.url}/api/registry/${path}`;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'java' });
  });
  afterEach(() => emulator.close());

  it('serves under the default /artemis context path and answers register with nulls, keys sorted', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/artemis$/);

    const reply = await post(api('register.json'), { instances: [javaInstance()] });

    expect(reply.status).toBe(200);
    expect(reply.text).toBe(SUCCESS);
    expect(emulator.instances('demo.hello')).toHaveLength(1);
  });

  it('answers 404 for the bare path and for paths outside the context path', async () => {
    expect((await post(api('register'), { instances: [javaInstance()] })).status).toBe(404);
    const outside = emulator.url.replace('/artemis', '');
    expect((await post(`${outside}/api/registry/register.json`, {})).status).toBe(404);
  });

  it('answers 405 to a wrong method and 415 to a non-JSON content type', async () => {
    expect((await get(api('register.json'))).status).toBe(405);
    const reply = await post(api('register.json'), '{}', { 'content-type': 'text/plain' });
    expect(reply.status).toBe(415);
  });

  it('answers 400 to malformed JSON and to a string port', async () => {
    expect((await post(api('register.json'), '{"instances":[')).status).toBe(400);
    const reply = await post(api('register.json'), { instances: [javaInstance({ port: '80' })] });
    expect(reply.status).toBe(400);
  });

  it('accepts a gzip-compressed body and property names in any case', async () => {
    const rest: Record<string, unknown> = javaInstance();
    delete rest['serviceId'];
    const body = gzipSync(JSON.stringify({ INSTANCES: [{ ...rest, SERVICEID: 'zipped' }] }));
    const reply = await post(api('register.json'), new Uint8Array(body), {
      'content-encoding': 'gzip',
    });

    expect(reply.text).toBe(SUCCESS);
    expect(emulator.instances('zipped')).toHaveLength(1);
  });

  it('refuses an empty instance list with fail / bad-request', async () => {
    const reply = (await post(api('register.json'), { instances: [] })).json();
    expect(reply.responseStatus).toEqual({
      errorCode: 'bad-request',
      message: 'request.instances is null or empty.',
      status: 'fail',
    });
  });

  it('reports another region as a no-permission failed instance, accepts the region in any case', async () => {
    const reply = (
      await post(api('register.json'), {
        instances: [javaInstance({ regionId: 'other' }), javaInstance({ regionId: 'TEST' })],
      })
    ).json();

    expect(reply.responseStatus.status).toBe('partial_fail');
    expect(reply.responseStatus.errorCode).toBe('partial_fail');
    expect(reply.failedInstances).toHaveLength(1);
    expect(reply.failedInstances[0].errorCode).toBe('no-permission');
    expect(reply.failedInstances[0].instance.regionId).toBe('other');
    expect(emulator.instances()).toHaveLength(1);
  });

  it('reports a blank url as internal-service-error, even when every instance failed', async () => {
    const reply = (
      await post(api('register.json'), { instances: [javaInstance({ url: ' ' })] })
    ).json();
    expect(reply.responseStatus.status).toBe('partial_fail');
    expect(reply.failedInstances[0].errorCode).toBe('internal-service-error');
  });

  it('renews a known lease and reports an unknown one as data-not-found', async () => {
    await post(api('register.json'), { instances: [javaInstance()] });

    expect((await post(api('heartbeat.json'), { instances: [javaInstance()] })).text).toBe(SUCCESS);
    const unknown = javaInstance({ instanceId: 'ghost' });
    const reply = (await post(api('heartbeat.json'), { instances: [unknown] })).json();
    expect(reply.responseStatus).toEqual({
      errorCode: 'partial_fail',
      message: '',
      status: 'partial_fail',
    });
    expect(reply.failedInstances[0]).toEqual({
      errorCode: 'data-not-found',
      errorMessage: 'test/test-z1/demo.hello/ghost: Instance is not exising! Need re-register.',
      instance: expect.objectContaining({ instanceId: 'ghost', groupId: null, metadata: null }),
    });
  });

  it('refuses to renew an expired lease the cleaner has not removed yet', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ leaseTtlMs: 50, cleanIntervalMs: 60_000 });
    await post(api('register.json'), { instances: [javaInstance()] });

    await emulator.waitFor(() => Date.now() > emulator.store.leases()[0]!.renewedAt + 60);
    const reply = (await post(api('heartbeat.json'), { instances: [javaInstance()] })).json();
    expect(reply.failedInstances[0].errorCode).toBe('data-not-found');
  });

  it('removes expired leases in the cleaner, emitting delete', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ leaseTtlMs: 100, cleanIntervalMs: 20 });
    const changes: string[] = [];
    emulator.store.onChange(change => changes.push(change.changeType));
    await post(api('register.json'), { instances: [javaInstance()] });

    await emulator.waitFor(() => emulator.instances().length === 0);
    expect(changes).toEqual(['new', 'delete']);
  });

  it('evicts on unregister and lets the cleaner remove the lease; unknown ones succeed', async () => {
    await post(api('register.json'), { instances: [javaInstance()] });

    const reply = await post(api('unregister.json'), { instances: [javaInstance()] });
    expect(reply.text).toBe(SUCCESS);
    await emulator.waitFor(() => emulator.instances().length === 0);
    const again = await post(api('unregister.json'), { instances: [javaInstance()] });
    expect(again.text).toBe(SUCCESS);
  });

  it('replaces a lease on register and emits new every time', async () => {
    const changes: string[] = [];
    emulator.store.onChange(change => changes.push(change.changeType));
    await post(api('register.json'), { instances: [javaInstance({ status: 'starting' })] });
    await post(api('register.json'), { instances: [javaInstance({ status: 'up' })] });

    expect(changes).toEqual(['new', 'new']);
    expect(emulator.instances()).toEqual([expect.objectContaining({ status: 'up' })]);
  });

  it('gives a legacy instance the legacy lease TTL', async () => {
    const legacy = javaInstance({ metadata: { java_registry: 'yes' } });
    await post(api('register.json'), { instances: [legacy] });
    expect(emulator.store.leases()[0]!.ttlMs).toBe(90_000);
  });

  it('rate-limits registry calls over the configured limit', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ rateLimit: { limit: 2, windowMs: 60_000 } });

    for (let i = 0; i < 2; i += 1) {
      expect((await post(api('register.json'), { instances: [javaInstance()] })).text).toBe(
        SUCCESS,
      );
    }
    const reply = await post(api('register.json'), { instances: [javaInstance()] });
    expect(reply.text).toBe(
      '{"failedInstances":null,"responseStatus":{"errorCode":"rate-limited","message":"Request is rate limited.","status":"fail"}}',
    );
  });

  it('answers fail / service-unavailable while the node is faulted down', async () => {
    emulator.faults.serviceUnavailable(true);
    const reply = (await post(api('register.json'), { instances: [javaInstance()] })).json();

    expect(reply.responseStatus.status).toBe('fail');
    expect(reply.responseStatus.errorCode).toBe('service-unavailable');
    expect(emulator.instances()).toHaveLength(0);
  });

  it('gzips large replies for clients that accept gzip', async () => {
    const many = Array.from({ length: 20 }, (_, i) => javaInstance({ instanceId: `i${i}` }));
    await post(api('register.json'), { instances: many });

    const response = await fetch(`${emulator.url}/api/discovery/services.json`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = (await response.json()) as { services: { instances: unknown[] }[] };
    expect(body.services[0]!.instances).toHaveLength(20);
  });
});
