import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  contextTag,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

/** Options of `createSelfSignedCertificate`. */
export interface SelfSignedCertificateOptions {
  /**
   * Host names and IP addresses (v4 or v6) the certificate is valid for; the first is also its
   * common name. @default ['127.0.0.1', 'localhost', '::1']
   */
  hosts?: readonly string[];
  /** How long the certificate stays valid, in days from now. @default 7 */
  validityDays?: number;
}

/** A private key and its self-signed certificate, both PEM, ready for `tls` and `ca` options. */
export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';
const BASIC_CONSTRAINTS = '2.5.29.19';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a fresh P-256 key and a self-signed X.509 certificate for it, with node:crypto only: no
 * openssl binary and no network. Trust it by passing `cert` as the client's `ca`.
 */
export function createSelfSignedCertificate(
  options: SelfSignedCertificateOptions = {},
): SelfSignedCertificate {
  const hosts = options.hosts ?? ['127.0.0.1', 'localhost', '::1'];
  const validityDays = options.validityDays ?? 7;
  if (hosts.length === 0) throw new TypeError('A certificate needs at least one host');
  if (!(validityDays > 0)) throw new TypeError(`Invalid validityDays: ${validityDays}`);

  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const algorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256));
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(hosts[0]!))));

  // Backdated by an hour so a client with a slightly slow clock accepts it too.
  const now = Date.now();
  const validity = sequence(
    time(new Date(now - 60 * 60 * 1000)),
    time(new Date(now + validityDays * DAY_MS)),
  );

  // A random positive serial number, as RFC 5280 asks for (at most 20 bytes).
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;

  const tbsCertificate = sequence(
    contextTag(0, smallInteger(2), true),
    unsignedInteger(serial),
    algorithm,
    name,
    validity,
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    contextTag(3, sequence(basicConstraints(), subjectAltName(hosts)), true),
  );
  const signature = sign('sha256', tbsCertificate, privateKey);
  const certificate = sequence(tbsCertificate, algorithm, bitString(signature));

  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: toPem('CERTIFICATE', certificate),
  };
}

/** CA:TRUE, so the certificate can stand as its own trust anchor. */
function basicConstraints(): Buffer {
  const value = sequence(boolean(true));
  return sequence(objectIdentifier(BASIC_CONSTRAINTS), boolean(true), octetString(value));
}

function subjectAltName(hosts: readonly string[]): Buffer {
  const names = hosts.map(host => {
    const version = isIP(host);
    if (version === 4) return contextTag(7, Buffer.from(host.split('.').map(Number)), false);
    if (version === 6) return contextTag(7, ipv6Bytes(host), false);
    return contextTag(2, Buffer.from(host, 'ascii'), false);
  });
  return sequence(objectIdentifier(SUBJECT_ALT_NAME), octetString(sequence(...names)));
}

/** The 16 bytes of an IPv6 address, `::` expanded. */
function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];

  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
