import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { WebSocket } from 'ws';
import { createSelfSignedCertificate, startArtemisEmulator, startTcpProxy } from '../src/index.js';
import type { SelfSignedCertificate } from '../src/index.js';
import { javaInstance } from './helpers.js';

/** POSTs JSON over https, trusting only `ca`, presenting `client` when given. */
function postTls(
  url: string,
  body: unknown,
  ca: string,
  client?: SelfSignedCertificate,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        ca,
        ...(client ? { key: client.key, cert: client.cert } : {}),
        headers: { 'content-type': 'application/json' },
        timeout: 10_000,
        agent: false,
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

/** Opens a wss socket trusting only `ca`, sends one frame and resolves with the first reply. */
function exchangeTls(url: string, frame: unknown, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ca });
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify(frame)));
    socket.on('message', data => {
      resolve(String(data));
      socket.terminate();
    });
  });
}

describe('self-signed certificate', () => {
  it('is a valid X.509 certificate for loopback names, signed by its own key', () => {
    const { key, cert } = createSelfSignedCertificate();
    const certificate = new X509Certificate(cert);

    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(certificate.subject).toBe('CN=127.0.0.1');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkIP('::1')).toBe('::1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkHost('example.com')).toBeUndefined();
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it('takes other hosts and a validity, and refuses an empty host list', () => {
    const { cert } = createSelfSignedCertificate({
      hosts: ['registry.test', '10.1.2.3', 'fd00::1:2'],
      validityDays: 1,
    });
    const certificate = new X509Certificate(cert);

    expect(certificate.subject).toBe('CN=registry.test');
    expect(certificate.checkHost('registry.test')).toBe('registry.test');
    expect(certificate.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(certificate.checkIP('fd00::1:2')).toBe('fd00::1:2');
    expect(new Date(certificate.validTo).getTime()).toBeLessThan(Date.now() + 2 * 86_400_000);
    expect(() => createSelfSignedCertificate({ hosts: [] })).toThrow(TypeError);
    expect(() => createSelfSignedCertificate({ validityDays: 0 })).toThrow(TypeError);
  });

  it('writes validity ends from 2050 on as GeneralizedTime', () => {
    const { cert } = createSelfSignedCertificate({ validityDays: 100 * 365 });
    const validTo = new Date(new X509Certificate(cert).validTo);
    expect(validTo.getUTCFullYear()).toBe(
      new Date(Date.now() + 100 * 365 * 86_400_000).getUTCFullYear(),
    );
  });

  it('differs on every call', () => {
    expect(createSelfSignedCertificate().cert).not.toBe(createSelfSignedCertificate().cert);
  });
});

describe.each(['java', 'rust'] as const)('%s emulator over TLS', flavor => {
  let tls: SelfSignedCertificate;

  beforeAll(() => {
    tls = createSelfSignedCertificate();
  });

  it('serves https and wss to a client that trusts the certificate, and nothing to others', async () => {
    const emulator = await startArtemisEmulator({ flavor, tls });
    try {
      expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);

      const reply = await postTls(
        `${emulator.url}/api/registry/register.json`,
        { instances: [javaInstance()] },
        tls.cert,
      );
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).responseStatus.errorCode).toBe('success');
      expect(emulator.instances()).toHaveLength(1);

      const wsUrl = `${emulator.url.replace(/^https/, 'wss')}/${flavor === 'java' ? 'ws/registry/heartbeat' : 'ws'}`;
      const frame = flavor === 'java' ? { instances: [javaInstance()] } : { type: 'ping' };
      expect(await exchangeTls(wsUrl, frame, tls.cert)).toMatch(/responseStatus|pong/);

      const stranger = createSelfSignedCertificate();
      await expect(
        postTls(`${emulator.url}/api/registry/register.json`, {}, stranger.cert),
      ).rejects.toThrow(/self[- ]signed|unable to verify/i);
    } finally {
      await emulator.close();
    }
  });

  it('requires a client certificate signed by its ca when asked (mutual TLS)', async () => {
    const client = createSelfSignedCertificate({ hosts: ['orders-client'] });
    const emulator = await startArtemisEmulator({
      flavor,
      tls: { ...tls, ca: client.cert, requestCert: true },
    });
    try {
      const url = `${emulator.url}/api/registry/register.json`;
      const accepted = await postTls(url, { instances: [javaInstance()] }, tls.cert, client);
      expect(accepted.status).toBe(200);

      const stranger = createSelfSignedCertificate({ hosts: ['stranger'] });
      await expect(postTls(url, {}, tls.cert, stranger)).rejects.toThrow();
      await expect(postTls(url, {}, tls.cert)).rejects.toThrow();
      expect(emulator.instances()).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it('passes TLS through a tcp proxy untouched', async () => {
    const emulator = await startArtemisEmulator({ flavor, tls });
    const proxy = await startTcpProxy({ target: emulator.url });
    try {
      expect(proxy.url.startsWith('https://127.0.0.1:')).toBe(true);
      const reply = await postTls(
        `${proxy.url}/api/registry/register.json`,
        { instances: [javaInstance()] },
        tls.cert,
      );
      expect(reply.status).toBe(200);
      expect(emulator.instances()).toHaveLength(1);
    } finally {
      await proxy.close();
      await emulator.close();
    }
  });
});
