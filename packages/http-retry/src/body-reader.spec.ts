import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { hasErrorCode } from '@artemis/protocol';

import { readBody } from './body-reader';

/** A body streamed in chunks, with no length known in advance. */
function streamed(...chunks: Buffer[]): Readable {
  return Readable.from(chunks);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('readBody', () => {
  it('reads an empty body as empty text', async () => {
    await expect(readBody(streamed(), {}, 1024, 'http://host')).resolves.toBe('');
  });

  it('undoes gzip, and reports a body that is not what its encoding says', async () => {
    const gzipped = gzipSync(Buffer.from('{"a":1}'));
    await expect(
      readBody(streamed(gzipped), { 'content-encoding': 'gzip' }, 1024, 'http://host'),
    ).resolves.toBe('{"a":1}');

    const broken = await failureOf(
      readBody(streamed(Buffer.from('plain')), { 'content-encoding': 'gzip' }, 1024, 'http://h'),
    );
    expect(hasErrorCode(broken, 'ARTEMIS_INVALID_REPLY')).toBe(true);

    const unknown = await failureOf(
      readBody(streamed(Buffer.from('x')), { 'content-encoding': 'zstd-9' }, 1024, 'http://h'),
    );
    expect(hasErrorCode(unknown, 'ARTEMIS_INVALID_REPLY')).toBe(true);
  });

  it('refuses bodies over the limit: declared, streamed, or once decompressed', async () => {
    const declared = await failureOf(
      readBody(streamed(), { 'content-length': '2048' }, 1024, 'http://h'),
    );
    expect(hasErrorCode(declared, 'ARTEMIS_RESPONSE_TOO_LARGE')).toBe(true);

    const chunk = Buffer.alloc(600, 'x');
    const long = await failureOf(readBody(streamed(chunk, chunk), {}, 1024, 'http://h'));
    expect(hasErrorCode(long, 'ARTEMIS_RESPONSE_TOO_LARGE')).toBe(true);

    const bomb = gzipSync(Buffer.alloc(64 * 1024, 'x'));
    const inflated = await failureOf(
      readBody(streamed(bomb), { 'content-encoding': 'gzip' }, 1024, 'http://h'),
    );
    expect(hasErrorCode(inflated, 'ARTEMIS_RESPONSE_TOO_LARGE')).toBe(true);
  });
});
