import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { hasErrorCode } from '@artemis/protocol';

import { clientFor, failureOf, register } from './fixtures';

/**
 * A server no emulator fault can imitate: it answers at once, then sends its body one byte at a
 * time, so no single pause is long enough for undici's own timeouts.
 */
async function startTricklingServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const body = '{"responseStatus":{"errorCode":"success"}}'.padEnd(200, ' ');
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= body.length || response.destroyed) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(body[sent]);
      sent += 1;
    }, 50);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

describe('the request deadline', () => {
  it('ends an attempt whose body trickles in past requestTimeoutMs', async () => {
    const { url, server } = await startTricklingServer();
    const { http, close } = clientFor([url], { requestTimeoutMs: 300, httpRetryCount: 1 });
    try {
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_RETRIES_EXHAUSTED');
      expect(hasErrorCode(error.cause, 'ARTEMIS_REQUEST_TIMEOUT')).toBe(true);
      expect(error.cause).toMatchObject({ timeoutMs: 300 });
    } finally {
      await close();
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
