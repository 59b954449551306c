import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

import { InvalidReplyError } from '@artemis/protocol';

import { ResponseTooLargeError } from './errors.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const brotliAsync = promisify(brotliDecompress);

/** The part of an undici body this reader needs. */
export interface ReadableBody extends AsyncIterable<Buffer> {
  destroy(error?: Error): unknown;
  /** The whole body at once; undici's bodies have these. */
  arrayBuffer?(): Promise<ArrayBuffer>;
  text?(): Promise<string>;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Reads a whole reply body as text, refusing more than `maxBytes` (on the wire and once
 * decompressed), and undoing `content-encoding: gzip`, `deflate` or `br`: undici's `request`
 * does not decompress, and a Java server behind its compressing filter may send gzip.
 */
export async function readBody(
  body: ReadableBody,
  headers: Headers,
  maxBytes: number,
  url: string,
): Promise<string> {
  const declared = Number(headerOf(headers, 'content-length'));
  if (declared > maxBytes) {
    body.destroy();
    throw new ResponseTooLargeError(url, maxBytes);
  }

  // A declared length within the limit lets undici read the body in one go, which is much
  // cheaper than iterating it chunk by chunk; undici fails the read if the length lies.
  const whole = Number.isFinite(declared);
  const encoding = headerOf(headers, 'content-encoding')?.trim().toLowerCase();
  const plain = !encoding || encoding === 'identity';
  if (whole && plain && body.text) return body.text();

  const raw =
    whole && body.arrayBuffer
      ? Buffer.from(await body.arrayBuffer())
      : await collect(body, maxBytes, url);
  if (plain) return raw.toString('utf8');

  const decoded = await decompress(raw, encoding, maxBytes, url);
  return decoded.toString('utf8');
}

/** Reads at most `maxBytes` of a body for an error message, then drops the rest. */
export async function readExcerpt(body: ReadableBody, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) break;
  }
  const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

async function collect(body: ReadableBody, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new ResponseTooLargeError(url, maxBytes);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size);
}

async function decompress(
  raw: Buffer,
  encoding: string,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzipAsync(raw, options);
    if (encoding === 'deflate') return await inflateAsync(raw, options);
    if (encoding === 'br') return await brotliAsync(raw, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ResponseTooLargeError(url, maxBytes, { cause: error });
    }
    throw new InvalidReplyError(`reply from ${url}`, {
      issues: [`body is not valid ${encoding}`],
      cause: error,
    });
  }
  throw new InvalidReplyError(`reply from ${url}`, {
    issues: [`unsupported content-encoding ${encoding.slice(0, 40)}`],
  });
}

function headerOf(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
