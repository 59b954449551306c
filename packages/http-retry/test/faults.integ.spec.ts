import { hasErrorCode } from '@artemis/protocol';
import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster } from '@artemis/testing';

import { clientFor, register, registerCalls } from './fixtures';

async function failureOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; cause?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}

describe.each(['java', 'rust'] as const)('ArtemisHttpClient faults (%s)', flavor => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor, size: 2 });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('times out on a stalled node and fails over without hanging past the timeout', async () => {
    const { http, close } = clientFor(cluster.urls, { requestTimeoutMs: 300 });
    try {
      cluster.nodes[0]!.faults.stall(true);
      const outcomes: string[] = [];
      http.events.on('request', event => outcomes.push(event.outcome));
      const result = await register(http);
      expect(result.classification.kind).toBe('success');
      expect(result.url).toBe(cluster.urls[1]);
      expect(result.attempts).toBe(2);
      // The stalled node still holds the request: only the timeout can have ended that attempt.
      expect(outcomes).toEqual(['timeout', 'success']);
    } finally {
      await close();
    }
  });

  it('fails with a timeout error once every node stalls', async () => {
    const { http, close } = clientFor(cluster.urls, { requestTimeoutMs: 200, httpRetryCount: 2 });
    try {
      cluster.nodes.forEach(node => node.faults.stall(true));
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_RETRIES_EXHAUSTED');
      expect(hasErrorCode(error.cause, 'ARTEMIS_REQUEST_TIMEOUT')).toBe(true);
    } finally {
      await close();
    }
  });

  it('retries 5xx replies on another node', async () => {
    const { http, close } = clientFor(cluster.urls);
    try {
      cluster.nodes[0]!.faults.failNext(1, 503);
      const result = await register(http);
      expect(result.classification.kind).toBe('success');
      expect(result.attempts).toBe(2);
      expect(registerCalls(cluster.nodes[0]!)).toBe(1);
      expect(registerCalls(cluster.nodes[1]!)).toBe(1);
    } finally {
      await close();
    }
  });

  it('moves away from a node that reports itself unavailable', async () => {
    const { http, addresses, close } = clientFor(cluster.urls);
    try {
      cluster.nodes[0]!.faults.serviceUnavailable(true);
      const result = await register(http);
      expect(result.classification.kind).toBe('success');
      expect(result.url).toBe(cluster.urls[1]);
      expect(addresses.snapshot()[0]?.healthy).toBe(false);
    } finally {
      await close();
    }
  });

  it.each([400, 415, 422])('does not retry HTTP %i', async status => {
    const { http, close } = clientFor(cluster.urls);
    try {
      cluster.nodes[0]!.faults.failNext(1, status);
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_HTTP_STATUS');
      expect((error as unknown as { status: number }).status).toBe(status);
      expect(registerCalls(cluster.nodes[0]!) + registerCalls(cluster.nodes[1]!)).toBe(1);
    } finally {
      await close();
    }
  });

  it('turns HTML and truncated JSON into invalid-reply errors after failing over', async () => {
    const { http, close } = clientFor(cluster.urls, { httpRetryCount: 3 });
    try {
      cluster.nodes.forEach(node => node.faults.garbage('html'));
      const error = await failureOf(register(http));
      expect(error.code).toBe('ARTEMIS_RETRIES_EXHAUSTED');
      expect(hasErrorCode(error.cause, 'ARTEMIS_INVALID_REPLY')).toBe(true);

      cluster.nodes.forEach(node => node.faults.garbage('truncated-json'));
      const truncated = await failureOf(register(http));
      expect(hasErrorCode(truncated.cause, 'ARTEMIS_INVALID_REPLY')).toBe(true);
    } finally {
      await close();
    }
  });

  it('cancels a pending backoff when the signal fires', async () => {
    const { http, close } = clientFor(cluster.urls, {
      httpRetryIntervalMs: 1_000,
      httpRetryMaxDelayMs: 60_000,
    });
    try {
      cluster.nodes.forEach(node => node.faults.failNext(10, 503));
      const controller = new AbortController();
      http.events.once('retry', () => controller.abort(new Error('stop')));
      const error = await failureOf(register(http, controller.signal));
      expect(error.code).toBe('ARTEMIS_ABORTED');
    } finally {
      await close();
    }
  });
});

describe('ArtemisHttpClient rate limiting (java)', () => {
  it('retries a rate-limited reply on the same node', async () => {
    const cluster = await startArtemisCluster({
      flavor: 'java',
      size: 2,
      rateLimit: { limit: 1, windowMs: 300 },
    });
    const { http, close } = clientFor(cluster.urls, {
      httpRetryIntervalMs: 150,
      httpRetryMaxDelayMs: 400,
      httpRetryCount: 10,
    });
    try {
      const reasons: string[] = [];
      http.events.on('retry', event => reasons.push(event.reason));
      await register(http);
      const result = await register(http);
      expect(result.classification.kind).toBe('success');
      expect(result.url).toBe(cluster.urls[0]);
      expect(reasons.length).toBeGreaterThan(0);
      expect(new Set(reasons)).toEqual(new Set(['retry-same-node']));
      expect(registerCalls(cluster.nodes[1]!)).toBe(0);
    } finally {
      await close();
      await cluster.close();
    }
  });
});
