import { gzipSync } from 'node:zlib';
import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator } from '../src/index.js';
import { get, javaInstance, post, rustKey } from './helpers.js';

const SUCCESS = '{"responseStatus":{"errorCode":"success"}}';

describe('rust emulator registry', () => {
  let emulator: ArtemisEmulator;
  const api = (path: string) => `${emulator.url}/api/registry/${path}`;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({ flavor: 'rust' });
  });
  afterEach(() => emulator.close());

  it('serves at the root with no context path, on bare and .json paths', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const bare = await post(api('register'), { instances: [javaInstance()] });
    const suffixed = await post(api('register.json'), {
      instances: [javaInstance({ instanceId: 'second' })],
    });

    expect(bare.status).toBe(200);
    expect(bare.headers.get('content-type')).toBe('application/json');
    expect(bare.text).toBe(SUCCESS);
    expect(suffixed.text).toBe(SUCCESS);
    expect(emulator.instances('demo.hello')).toHaveLength(2);
  });

  it('accepts any region, an empty list, and overwrites a key on register', async () => {
    const other = javaInstance({ regionId: 'elsewhere', status: 'starting' });
    expect((await post(api('register.json'), { instances: [other] })).text).toBe(SUCCESS);
    expect((await post(api('register.json'), { instances: [] })).text).toBe(SUCCESS);

    await post(api('register.json'), { instances: [{ ...other, status: 'up' }] });
    expect(emulator.instances()).toEqual([
      expect.objectContaining({ regionId: 'elsewhere', status: 'up' }),
    ]);
  });

  it('keys a lease by lowercased serviceId and an empty group', async () => {
    await post(api('register.json'), { instances: [javaInstance({ serviceId: 'Demo.Hello' })] });

    const exact = await post(api('heartbeat.json'), { instanceKeys: [rustKey()] });
    expect(exact.text).toBe(SUCCESS);

    const raw = rustKey({ serviceId: 'Demo.Hello' });
    const reply = (await post(api('heartbeat.json'), { instanceKeys: [raw] })).json();
    expect(reply.failedInstanceKeys).toEqual([raw]);
  });

  it('renews known keys and returns unknown ones in failedInstanceKeys', async () => {
    await post(api('register.json'), { instances: [javaInstance()] });
    const ghost = rustKey({ instanceId: 'ghost' });

    const reply = await post(api('heartbeat'), { instanceKeys: [rustKey(), ghost] });

    expect(reply.status).toBe(200);
    expect(reply.text).toBe(
      JSON.stringify({
        responseStatus: { errorCode: 'bad-request', errorMessage: 'Some heartbeats failed' },
        failedInstanceKeys: [ghost],
      }),
    );
    expect((await post(api('heartbeat.json'), { instanceKeys: [] })).text).toBe(SUCCESS);
  });

  it('removes an instance at once on unregister; unknown keys succeed too', async () => {
    await post(api('register.json'), { instances: [javaInstance()] });
    const changes: string[] = [];
    emulator.store.onChange(change => changes.push(change.changeType));

    expect((await post(api('unregister'), { instanceKeys: [rustKey()] })).text).toBe(SUCCESS);
    expect(emulator.instances()).toHaveLength(0);
    expect(changes).toEqual(['delete']);
    expect((await post(api('unregister.json'), { instanceKeys: [rustKey()] })).text).toBe(SUCCESS);
  });

  it('answers 422 text to a wrong shape: Java heartbeat body, null string, bad status, no group', async () => {
    const javaBody = await post(api('heartbeat.json'), { instances: [javaInstance()] });
    expect(javaBody.status).toBe(422);
    expect(javaBody.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(javaBody.text).toContain('missing field `instanceKeys`');

    const nullIp = await post(api('register.json'), { instances: [javaInstance({ ip: null })] });
    expect(nullIp.status).toBe(422);

    const status = await post(api('register.json'), {
      instances: [javaInstance({ status: 'UP' })],
    });
    expect(status.status).toBe(422);
    expect(status.text).toContain('unknown variant `UP`');

    const key: Record<string, unknown> = rustKey();
    delete key['groupId'];
    const noGroup = await post(api('heartbeat.json'), { instanceKeys: [key] });
    expect(noGroup.status).toBe(422);
    expect(noGroup.text).toContain('missing field `groupId`');
  });

  it('answers 400 to bad JSON and to a gzip body, 415 to another content type', async () => {
    const broken = await post(api('register.json'), '{"instances":[');
    expect(broken.status).toBe(400);
    expect(broken.text).toMatch(/^Failed to parse the request body as JSON/);

    const gzipped = gzipSync(JSON.stringify({ instances: [javaInstance()] }));
    const zipped = await post(api('register.json'), new Uint8Array(gzipped), {
      'content-encoding': 'gzip',
    });
    expect(zipped.status).toBe(400);

    const text = await post(api('register.json'), '{}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.text).toBe('Expected request with `Content-Type: application/json`');
    const vendor = await post(
      api('register.json'),
      { instances: [] },
      {
        'content-type': 'application/vnd.demo+json; charset=utf-8',
      },
    );
    expect(vendor.status).toBe(200);
  });

  it('answers 413 to a body over 2 MiB, 405 to a wrong method and an empty 404 elsewhere', async () => {
    const big = { instances: [], padding: 'x'.repeat(2 * 1024 * 1024) };
    expect((await post(api('register.json'), big)).status).toBe(413);

    const wrongMethod = await get(api('register.json'));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');

    const missing = await post(`${emulator.url}/api/registry/nothing.json`, {});
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('never rate-limits, even when a rate limit is configured', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ flavor: 'rust', rateLimit: { limit: 1 } });

    for (let i = 0; i < 5; i += 1) {
      expect((await post(api('register.json'), { instances: [javaInstance()] })).text).toBe(
        SUCCESS,
      );
    }
  });

  it('evicts expired leases only at a sweep, emitting delete', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({ flavor: 'rust', leaseTtlMs: 50, sweepIntervalMs: 20 });
    const changes: string[] = [];
    emulator.store.onChange(change => changes.push(change.changeType));
    await post(api('register.json'), { instances: [javaInstance()] });

    await emulator.waitFor(() => emulator.instances().length === 0);
    expect(changes).toEqual(['new', 'delete']);
    const reply = (await post(api('heartbeat.json'), { instanceKeys: [rustKey()] })).json();
    expect(reply.failedInstanceKeys).toHaveLength(1);
  });

  it('revives an expired lease that a heartbeat reaches before the sweep', async () => {
    await emulator.close();
    emulator = await startArtemisEmulator({
      flavor: 'rust',
      leaseTtlMs: 50,
      sweepIntervalMs: 60_000,
    });
    await post(api('register.json'), { instances: [javaInstance()] });

    const lease = emulator.store.leases()[0]!;
    const registeredAt = lease.renewedAt;
    await emulator.waitFor(() => Date.now() > registeredAt + 60);
    expect((await post(api('heartbeat.json'), { instanceKeys: [rustKey()] })).text).toBe(SUCCESS);
    expect(lease.renewedAt).toBeGreaterThan(registeredAt + 50);
    expect(emulator.instances()).toHaveLength(1);
  });
});
