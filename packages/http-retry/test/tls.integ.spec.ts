import { hasErrorCode } from '@artemis/protocol';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator } from '@artemis/testing';

import { clientFor, register, registerCalls } from './fixtures';
import { generateSelfSignedCertificate, generateTestPki } from './tls-cert';

/** TLS handshakes are slow on a busy machine; the fast test timeouts would turn them into timeouts. */
const HANDSHAKE = { connectTimeoutMs: 10_000, requestTimeoutMs: 10_000 };

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}

describe.each(['java', 'rust'] as const)('ArtemisHttpClient over https (%s)', flavor => {
  const pki = generateTestPki();
  let emulator: ArtemisEmulator;

  beforeEach(async () => {
    emulator = await startArtemisEmulator({
      flavor,
      tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true },
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('talks to a server of a private CA with a client certificate', async () => {
    expect(emulator.url.startsWith('https://')).toBe(true);
    const { http, close } = clientFor([emulator.url], {
      ...HANDSHAKE,
      tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    });
    try {
      const result = await register(http);
      expect(result.classification.kind).toBe('success');
      expect(result.attempts).toBe(1);
      expect(registerCalls(emulator)).toBe(1);
    } finally {
      await close();
    }
  });

  it('is refused by that server without the client certificate', async () => {
    const { http, close } = clientFor([emulator.url], { ...HANDSHAKE, tls: { ca: pki.ca.cert } });
    try {
      const error = await failureOf(register(http));
      // Under TLS 1.3 the server refuses the certificate after the client's side of the
      // handshake is done, so the client only sees the connection closed.
      expect(error.code).toBe('ARTEMIS_RETRIES_EXHAUSTED');
      expect(hasErrorCode(error.cause, 'ARTEMIS_TRANSPORT')).toBe(true);
      expect(registerCalls(emulator)).toBe(0);
    } finally {
      await close();
    }
  });
});

describe.each(['java', 'rust'] as const)('certificate checks by default (%s)', flavor => {
  it('refuses a self-signed server when no CA is configured, with a typed TLS error', async () => {
    const emulator = await startArtemisEmulator({ flavor, tls: generateSelfSignedCertificate() });
    const { http, close } = clientFor([emulator.url], HANDSHAKE);
    const attempts: string[] = [];
    http.events.on('request', event => attempts.push(event.outcome));
    try {
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_TLS');
      expect(hasErrorCode(error, 'ARTEMIS_TLS')).toBe(true);
      expect(String((error.cause as { code?: string }).code)).toMatch(/CERT|SELF_SIGNED/);
      expect(attempts).toEqual(['tls-error']);
      expect(registerCalls(emulator)).toBe(0);
    } finally {
      await close();
      await emulator.close();
    }
  });
});

describe('address refresh over https (java)', () => {
  it('reads the up-nodes list through the same TLS settings', async () => {
    const pki = generateTestPki();
    const emulator = await startArtemisEmulator({
      flavor: 'java',
      tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true },
    });
    const { addresses, close } = clientFor([`${emulator.url}/`], {
      ...HANDSHAKE,
      tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    });
    try {
      const result = await addresses.refresh();
      expect(result).toEqual({ kind: 'updated', urls: [emulator.url] });
      expect(addresses.snapshot()).toEqual([
        { url: emulator.url, healthy: true, source: 'cluster' },
      ]);
    } finally {
      await close();
      await emulator.close();
    }
  });
});
