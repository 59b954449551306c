import { startArtemisEmulator } from '@artemis/testing';
import type { ArtemisEmulator, EmulatorFlavor } from '@artemis/testing';
import type { ArtemisOptions } from '@artemis/config';

import { JavaInstanceChangeSocket, RustChangeSocket } from '../src/index';
import type { ChangeSocket, ChangeSocketOptions } from '../src/index';
import type { RecordedEvent, TestRig } from './helpers';
import { createRig, eventually, named, recordEvents, recordingLogger } from './helpers';
import { startMutualTlsProxy } from './mutual-tls-proxy';
import type { MutualTlsProxy } from './mutual-tls-proxy';
import { generateTestPki } from './tls-material';
import type { TestPki } from './tls-material';

const SOCKETS: Record<EmulatorFlavor, new (options: ChangeSocketOptions) => ChangeSocket> = {
  java: JavaInstanceChangeSocket,
  rust: RustChangeSocket,
};

const PASSWORD = 'pa55-word-in-url';
const TOKEN = 's3cret-header-token';

let pki: TestPki;

beforeAll(() => {
  pki = generateTestPki();
});

describe.each(['java', 'rust'] as const)('secure sockets against the %s emulator', flavor => {
  let emulator: ArtemisEmulator;
  let proxy: MutualTlsProxy | undefined;
  let rig: TestRig;
  let socket: ChangeSocket;
  let events: RecordedEvent[];
  let logger: ReturnType<typeof recordingLogger>;

  async function connect(
    url: string,
    options: Omit<ArtemisOptions, 'serverUrls'> = {},
  ): Promise<void> {
    rig = createRig([url], options, {
      websocketPingIntervalMs: 60_000,
      websocketConnectTimeoutMs: 1_000,
    });
    logger = recordingLogger();
    socket = new SOCKETS[flavor]({
      config: rig.config,
      addresses: rig.addresses,
      reconnectDelayMs: 50,
      logger,
    });
    events = recordEvents(socket.events, [
      'state',
      'reconnect',
      'subscribed',
      'connect-error',
      'session-closed',
    ]);
    socket.subscribe({ serviceId: 'demo.hello' });
  }

  afterEach(async () => {
    await socket?.close();
    await rig?.close();
    await proxy?.close();
    proxy = undefined;
    await emulator?.close();
  });

  const upgrades = () => emulator.requests.filter(request => request.headers['upgrade']);
  const opened = () => named(events, 'state').find(event => event.payload['state'] === 'open');

  it('turns an https server URL into a wss socket trusted through a custom CA', async () => {
    emulator = await startArtemisEmulator({ flavor, tls: pki.server });
    expect(emulator.url.startsWith('https://')).toBe(true);

    await connect(emulator.url, { tls: { ca: pki.ca } });

    const open = await eventually('an open socket', opened);
    expect(String(open.payload['url'])).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\//);
    await eventually('the subscription', () => named(events, 'subscribed')[0]);
    expect(upgrades()).toHaveLength(1);
  });

  it('checks the server certificate by default and refuses one it cannot trust', async () => {
    emulator = await startArtemisEmulator({ flavor, tls: pki.server });

    await connect(emulator.url);

    const failures = await eventually('two refused connects', () => {
      const found = named(events, 'connect-error');
      return found.length >= 2 ? found : undefined;
    });
    expect(failures[0]?.payload['error']).toMatchObject({
      code: 'ARTEMIS_WS_CONNECT_FAILED',
      cause: expect.objectContaining({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
    });
    expect(opened()).toBeUndefined();
    expect(emulator.requests).toEqual([]);
  });

  it('presents a client certificate to a server that demands one', async () => {
    emulator = await startArtemisEmulator({ flavor });
    proxy = await startMutualTlsProxy({
      server: pki.server,
      ca: pki.ca,
      targetPort: emulator.port,
    });
    const url = emulator.url.replace(
      /^http:\/\/127\.0\.0\.1:\d+/,
      `https://127.0.0.1:${proxy.port}`,
    );

    await connect(url, { tls: { ca: pki.ca, cert: pki.client.cert, key: pki.client.key } });

    await eventually('the subscription', () => named(events, 'subscribed')[0]);
    expect(proxy.clients).toEqual(['artemis-test-client']);
    expect(upgrades()).toHaveLength(1);
  });

  it('cannot get past a server that demands a client certificate without one', async () => {
    emulator = await startArtemisEmulator({ flavor });
    proxy = await startMutualTlsProxy({
      server: pki.server,
      ca: pki.ca,
      targetPort: emulator.port,
    });
    const url = emulator.url.replace(
      /^http:\/\/127\.0\.0\.1:\d+/,
      `https://127.0.0.1:${proxy.port}`,
    );

    await connect(url, { tls: { ca: pki.ca } });

    await eventually(
      'a refused connect',
      () => named(events, 'connect-error').length > 0 || named(events, 'session-closed').length > 0,
    );
    expect(proxy.clients).toEqual([]);
    expect(upgrades()).toEqual([]);
  });

  it('sends the extra headers on the handshake', async () => {
    emulator = await startArtemisEmulator({ flavor });

    await connect(emulator.url, { headers: { 'x-artemis-token': TOKEN, 'x-tenant': 'blue' } });

    await eventually('the subscription', () => named(events, 'subscribed')[0]);
    expect(upgrades()[0]?.headers).toMatchObject({ 'x-artemis-token': TOKEN, 'x-tenant': 'blue' });
  });

  it('keeps credentials of the URL and header values out of logs, events and errors', async () => {
    emulator = await startArtemisEmulator({ flavor, tls: pki.server });
    emulator.faults.failNext(2, 401, { includeUpgrades: true });
    const url = emulator.url.replace('https://', `https://artemis-user:${PASSWORD}@`);

    await connect(url, { tls: { ca: pki.ca }, headers: { 'x-artemis-token': TOKEN } });

    await eventually('the subscription after two refusals', () => named(events, 'subscribed')[0]);
    // The credentials did reach the server, as basic auth and as the header.
    const basic = `Basic ${Buffer.from(`artemis-user:${PASSWORD}`).toString('base64')}`;
    expect(upgrades().at(-1)?.headers).toMatchObject({
      authorization: basic,
      'x-artemis-token': TOKEN,
    });

    const errors = named(events, 'connect-error').map(event => event.payload['error'] as Error);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const everything = JSON.stringify([
      logger.lines,
      events,
      errors.map(error => [error.message, String(error.cause), error.stack]),
    ]);
    expect(everything).toContain('401');
    expect(everything).toContain('127.0.0.1');
    for (const secret of [PASSWORD, TOKEN, basic, 'artemis-user']) {
      expect(everything).not.toContain(secret);
    }
  });
});
