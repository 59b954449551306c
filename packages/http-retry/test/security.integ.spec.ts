import { inspect } from 'node:util';

import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster } from '@artemis/testing';

import { clientFor, failureOf, recordingLogger, register } from './fixtures';

const PASSWORD = 'pa55-w0rd-secret';
const TOKEN = 'token-value-7f3a9c';
const BASIC = Buffer.from(`alice:${PASSWORD}`).toString('base64');

/** A base URL with credentials in it. */
function withCredentials(url: string): string {
  return url.replace('://', `://alice:${PASSWORD}@`);
}

/** Everything a person could read about an error: message, fields and causes. */
function describeError(error: unknown): string {
  return inspect(error, { depth: 8 });
}

describe.each(['java', 'rust'] as const)('headers and credentials (%s)', flavor => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor, size: 2 });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('sends the extra headers and the URL credentials on every request, retries included', async () => {
    const { http, addresses, close } = clientFor(cluster.urls.map(withCredentials), {
      headers: { 'X-Artemis-Token': TOKEN },
    });
    try {
      cluster.nodes[0]!.faults.failNext(1, 503);
      await register(http);
      await register(http);
      await addresses.refresh();

      const requests = cluster.nodes.flatMap(node => node.requests);
      expect(requests.length).toBeGreaterThanOrEqual(4);
      for (const request of requests) {
        expect(request.headers['x-artemis-token']).toBe(TOKEN);
        expect(request.headers.authorization).toBe(`Basic ${BASIC}`);
        expect(request.headers['content-type']).toBe('application/json');
        // Plain bodies: the Rust server cannot read gzip.
        expect(request.headers['content-encoding']).toBeUndefined();
      }
    } finally {
      await close();
    }
  });

  it('lets a configured authorization header win over URL credentials', async () => {
    const { http, close } = clientFor(cluster.urls.map(withCredentials), {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    try {
      await register(http);
      expect(cluster.nodes[0]!.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await close();
    }
  });

  it('never writes credentials or header values into errors, logs or events', async () => {
    const { logger, lines } = recordingLogger();
    const { http, addresses, close } = clientFor(
      cluster.urls.map(withCredentials),
      { headers: { 'X-Artemis-Token': TOKEN }, requestTimeoutMs: 200, httpRetryCount: 2 },
      { logger },
    );
    const events: unknown[] = [];
    http.events.on('request', event => events.push(event));
    http.events.on('retry', event => events.push(event));
    for (const name of ['address-down', 'address-up', 'current-changed', 'list-changed'] as const) {
      addresses.events.on(name, event => events.push(event));
    }
    const seen: string[] = [];
    try {
      // An HTTP error, a garbage body, a stalled node, and nodes that are down.
      cluster.nodes.forEach(node => node.faults.failNext(1, 500));
      seen.push(describeError(await failureOf(register(http))));
      cluster.nodes.forEach(node => node.faults.garbage('html'));
      seen.push(describeError(await failureOf(register(http))));
      cluster.nodes.forEach(node => node.faults.reset());
      cluster.nodes.forEach(node => node.faults.stall(true));
      seen.push(describeError(await failureOf(register(http))));
      await cluster.close();
      seen.push(describeError(await failureOf(register(http))));
      const refresh = await addresses.refresh();
      expect(refresh.kind).toBe('failed');
      seen.push(describeError(refresh));
    } finally {
      await close();
    }

    const everything = [...seen, ...lines, inspect(events, { depth: 8 })].join('\n');
    expect(seen.join('\n')).toContain('127.0.0.1');
    expect(lines.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, TOKEN, BASIC]) expect(everything).not.toContain(secret);
  });
});
