import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and the certificate for it, in PEM. */
export interface KeyPair {
  key: string;
  cert: string;
}

/** A private certificate authority with a server and a client certificate it signed. */
export interface TestPki {
  /** The authority's certificate, to trust (as `tls.ca`) on either side. */
  ca: string;
  /** For 127.0.0.1 and localhost. */
  server: KeyPair;
  /** For mutual TLS. */
  client: KeyPair;
}

/**
 * Generates a throw-away authority and two certificates with openssl, in a temporary folder
 * removed afterwards. Keys are EC P-256 so this stays fast.
 */
export function generateTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'artemis-ws-pki-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  const newKey = (name: string) =>
    openssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      file(name),
    );

  try {
    newKey('ca.key');
    openssl(
      ...['req', '-x509', '-new', '-key', file('ca.key'), '-out', file('ca.crt')],
      ...['-days', '1', '-subj', '/CN=Artemis Test CA'],
    );

    const issue = (name: string, subject: string, extensions: string): KeyPair => {
      newKey(`${name}.key`);
      openssl(
        ...['req', '-new', '-key', file(`${name}.key`), '-out', file(`${name}.csr`)],
        ...['-subj', subject],
      );
      writeFileSync(file(`${name}.ext`), extensions);
      openssl(
        ...['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt')],
        ...['-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${name}.crt`)],
        ...['-days', '1', '-extfile', file(`${name}.ext`)],
      );
      return {
        key: readFileSync(file(`${name}.key`), 'utf8'),
        cert: readFileSync(file(`${name}.crt`), 'utf8'),
      };
    };

    return {
      ca: readFileSync(file('ca.crt'), 'utf8'),
      server: issue(
        'server',
        '/CN=127.0.0.1',
        'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
      ),
      client: issue('client', '/CN=artemis-test-client', 'extendedKeyUsage=clientAuth\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
