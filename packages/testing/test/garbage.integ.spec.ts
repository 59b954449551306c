import { startArtemisEmulator } from '../src/index.js';
import type { ArtemisEmulator, GarbageKind } from '../src/index.js';
import { javaInstance, post, TestSocket } from './helpers.js';

const TEN_MIB = 10 * 1024 * 1024;

/** Checks a garbage body of `kind`; `real` is what the server would have said. */
function expectGarbage(kind: GarbageKind, text: string, real: string): void {
  switch (kind) {
    case 'html':
      expect(text).toMatch(/^<html>.*<\/html>$/);
      break;
    case 'truncated-json':
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThan(real.length);
      expect(real.startsWith(text)).toBe(true);
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      break;
    case 'huge':
      expect(text.length).toBeGreaterThanOrEqual(TEN_MIB);
      expect(JSON.parse(text)).not.toHaveProperty('responseStatus');
      break;
    case 'wrong-types': {
      const parsed = JSON.parse(text);
      expect(typeof parsed.responseStatus).toBe('string');
      expect(typeof parsed.failedInstanceKeys).toBe('number');
      expect(typeof parsed.changeTime).toBe('string');
      expect(Array.isArray(parsed.service)).toBe(true);
      break;
    }
  }
}

const KINDS: GarbageKind[] = ['html', 'truncated-json', 'huge', 'wrong-types'];

describe.each(['java', 'rust'] as const)('%s emulator garbage fault', flavor => {
  let emulator: ArtemisEmulator;
  const socketPath = flavor === 'java' ? 'ws/registry/heartbeat' : 'ws';
  const probe = flavor === 'java' ? { instances: [javaInstance()] } : { type: 'ping' };
  const register = () =>
    post(`${emulator.url}/api/registry/register.json`, { instances: [javaInstance()] });

  beforeAll(async () => {
    emulator = await startArtemisEmulator({ flavor });
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.faults.garbage(null));

  it.each(KINDS)('replaces HTTP bodies with %s, keeping the status', async kind => {
    const real = (await register()).text;

    emulator.faults.garbage(kind);
    const reply = await register();

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(kind === 'html' ? /^text\/html/ : /json/);
    expectGarbage(kind, reply.text, real);
    emulator.faults.garbage(null);
    expect((await register()).text).toBe(real);
  });

  it.each(KINDS)('replaces WebSocket frames with %s', async kind => {
    const socket = await TestSocket.open(`${emulator.url}/${socketPath}`);
    try {
      socket.send(probe);
      const real = await socket.nth(1);

      emulator.faults.garbage(kind);
      socket.send(probe);
      expectGarbage(kind, await socket.nth(2, 15_000), real);
    } finally {
      socket.close();
    }
  });
});
