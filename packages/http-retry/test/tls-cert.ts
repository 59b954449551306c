import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A certificate and its private key, both PEM. */
export interface TestCertificate {
  key: string;
  cert: string;
}

/** A private test PKI: a CA, a server certificate for 127.0.0.1 and a client certificate. */
export interface TestPki {
  ca: TestCertificate;
  server: TestCertificate;
  client: TestCertificate;
}

/**
 * Issues a fresh CA with a server and a client certificate signed by it. Built with node:crypto
 * alone (ECDSA P-256, X.509 v3 written out in DER), so tests need neither openssl nor a network.
 */
export function generateTestPki(): TestPki {
  const caKeys = newKeyPair();
  const ca = issue(
    { subject: 'Artemis Test CA', keys: caKeys, issuer: 'Artemis Test CA', ca: true },
    caKeys.privateKey,
  );
  const serverKeys = newKeyPair();
  const server = issue(
    { subject: '127.0.0.1', keys: serverKeys, issuer: 'Artemis Test CA', ca: false },
    caKeys.privateKey,
  );
  const clientKeys = newKeyPair();
  const client = issue(
    { subject: 'artemis-client', keys: clientKeys, issuer: 'Artemis Test CA', ca: false },
    caKeys.privateKey,
  );
  return { ca, server, client };
}

/** A self-signed certificate for 127.0.0.1 and localhost, trusted by nobody. */
export function generateSelfSignedCertificate(): TestCertificate {
  const keys = newKeyPair();
  return issue({ subject: '127.0.0.1', keys, issuer: '127.0.0.1', ca: false }, keys.privateKey);
}

interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

interface CertificateSpec {
  subject: string;
  issuer: string;
  keys: KeyPair;
  ca: boolean;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
};

const DAY_MS = 24 * 60 * 60 * 1000;

function newKeyPair(): KeyPair {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function issue(spec: CertificateSpec, signingKey: KeyObject): TestCertificate {
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const now = Date.now();
  const serial = randomBytes(12);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER

  const extensions = [
    extension(OID.basicConstraints, sequence(...(spec.ca ? [boolean(true)] : [])), true),
  ];
  if (!spec.ca) {
    // The server is reached as 127.0.0.1 or localhost; the names must be in subjectAltName.
    const ip = tagged(0x87, Buffer.from([127, 0, 0, 1]));
    const dns = tagged(0x82, Buffer.from('localhost', 'ascii'));
    extensions.push(extension(OID.subjectAltName, sequence(ip, dns), false));
  }

  const tbs = sequence(
    tagged(0xa0, integer(Buffer.from([2]))), // version 3
    integer(serial),
    algorithm,
    name(spec.issuer),
    sequence(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + DAY_MS))),
    name(spec.subject),
    spec.keys.publicKey.export({ type: 'spki', format: 'der' }),
    tagged(0xa3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, signingKey);
  const der = sequence(tbs, algorithm, bitString(signature));

  return {
    cert: toPem('CERTIFICATE', der),
    key: spec.keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// DER encoding, just the types a certificate needs.

function tagged(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function sequence(...items: Buffer[]): Buffer {
  return tagged(0x30, Buffer.concat(items));
}

function integer(value: Buffer): Buffer {
  return tagged(0x02, value);
}

function boolean(value: boolean): Buffer {
  return tagged(0x01, Buffer.from([value ? 0xff : 0x00]));
}

function bitString(value: Buffer): Buffer {
  return tagged(0x03, Buffer.concat([Buffer.from([0]), value]));
}

function octetString(value: Buffer): Buffer {
  return tagged(0x04, value);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift(value % 128);
      if (value < 128) break;
    }
    groups.forEach((group, index) => bytes.push(index < groups.length - 1 ? group | 0x80 : group));
  }
  return tagged(0x06, Buffer.from(bytes));
}

function name(commonName: string): Buffer {
  const attribute = sequence(oid(OID.commonName), tagged(0x0c, Buffer.from(commonName, 'utf8')));
  return sequence(tagged(0x31, attribute));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tagged(0x17, Buffer.from(text, 'ascii'));
}

function extension(id: string, value: Buffer, critical: boolean): Buffer {
  const parts = [oid(id)];
  if (critical) parts.push(boolean(true));
  parts.push(octetString(value));
  return sequence(...parts);
}
