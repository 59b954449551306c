import {
  buildGetServiceRequest,
  buildRegisterRequest,
  hasErrorCode,
  parseRegisterReply,
  parseServiceReply,
  REST_PATHS,
} from '@artemis/protocol';
import type { ArtemisCluster } from '@artemis/testing';
import { startArtemisCluster } from '@artemis/testing';

import { clientFor, failureOf, instance, register, registerCalls } from './fixtures';

function totalRegisterCalls(cluster: ArtemisCluster): number {
  return cluster.nodes.reduce((sum, node) => sum + registerCalls(node), 0);
}

describe.each(['java', 'rust'] as const)('ArtemisHttpClient retries (%s)', flavor => {
  let cluster: ArtemisCluster;

  beforeEach(async () => {
    cluster = await startArtemisCluster({ flavor, size: 2 });
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('moves to the next address when a node is down, and gives up with the transport error when all are', async () => {
    const { http, addresses, close } = clientFor(cluster.urls, { httpRetryCount: 3 });
    try {
      await cluster.nodes[0]!.stop();
      const result = await register(http);
      expect(result).toMatchObject({ url: cluster.urls[1], attempts: 2 });
      expect(addresses.snapshot().map(state => state.healthy)).toEqual([false, true]);

      await cluster.nodes[1]!.stop();
      const error = await failureOf(register(http));
      expect(error).toMatchObject({ code: 'ARTEMIS_RETRIES_EXHAUSTED', attempts: 3 });
      expect(hasErrorCode(error.cause, 'ARTEMIS_TRANSPORT')).toBe(true);
    } finally {
      await close();
    }
  });

  it('returns a business failure at once, without retrying', async () => {
    const { http, close } = clientFor(cluster.urls);
    try {
      if (flavor === 'java') {
        // Java refuses an instance of another region with a failed instance in the reply.
        const result = await http.post(
          REST_PATHS.register,
          buildRegisterRequest([{ ...instance(), regionId: 'elsewhere' }]),
          { operation: 'register', parse: parseRegisterReply },
        );
        expect(result.classification.kind).toBe('partial');
        expect(result.attempts).toBe(1);
        expect(totalRegisterCalls(cluster)).toBe(1);
      } else {
        // Rust answers bad-request for a service it holds nothing of.
        const result = await http.post(
          REST_PATHS.service,
          buildGetServiceRequest(
            { serviceId: 'nothing-here' },
            { regionId: 'test', zoneId: 'test-z1' },
          ),
          { operation: 'service', parse: parseServiceReply },
        );
        expect(result.classification).toMatchObject({ kind: 'rejected', errorCode: 'bad-request' });
        expect(result.attempts).toBe(1);
        expect(cluster.nodes.flatMap(node => node.requests)).toHaveLength(1);
      }
    } finally {
      await close();
    }
  });

  it('waits a jittered, capped exponential backoff between attempts', async () => {
    const { http, close } = clientFor(
      cluster.urls,
      { httpRetryCount: 5, httpRetryIntervalMs: 10, httpRetryMaxDelayMs: 40 },
      { random: () => 0.5 },
    );
    try {
      cluster.nodes.forEach(node => node.faults.failNext(10, 502));
      const delays: number[] = [];
      http.events.on('retry', event => delays.push(event.delayMs));
      await failureOf(register(http));
      // Full jitter at 0.5 of 10, 20, 40, then the cap of 40.
      expect(delays).toEqual([5, 10, 20, 20]);
    } finally {
      await close();
    }
  });

  it('honours Retry-After up to the backoff cap', async () => {
    const { http, config, close } = clientFor(
      cluster.urls,
      { httpRetryIntervalMs: 10, httpRetryMaxDelayMs: 300 },
      { random: () => 0 },
    );
    const delays: number[] = [];
    http.events.on('retry', event => delays.push(event.delayMs));
    try {
      cluster.nodes[0]!.faults.failNext(1, 503, { retryAfter: 1 });
      expect((await register(http)).attempts).toBe(2);
      config.update({ httpRetryMaxDelayMs: 5_000 });
      cluster.nodes[1]!.faults.failNext(1, 503, { retryAfter: 1 });
      expect((await register(http)).attempts).toBe(2);
      // One second asked for: cut to the 300 ms cap, then granted in full under a 5 s cap.
      expect(delays).toEqual([300, 1_000]);
    } finally {
      await close();
    }
  });

  it('stops a retry storm once the retry budget is spent', async () => {
    const { http, close } = clientFor(
      cluster.urls,
      { httpRetryCount: 5 },
      { retryBudget: { ratio: 0, minRetriesPerSecond: 0, maxTokens: 2 } },
    );
    try {
      cluster.nodes.forEach(node => node.faults.failNext(100, 503));
      const first = await failureOf(register(http));
      expect(first).toMatchObject({ code: 'ARTEMIS_RETRY_BUDGET_EXHAUSTED', attempts: 3 });
      expect(hasErrorCode(first.cause, 'ARTEMIS_HTTP_STATUS')).toBe(true);

      const second = await failureOf(register(http));
      expect(second).toMatchObject({ code: 'ARTEMIS_RETRY_BUDGET_EXHAUSTED', attempts: 1 });
      // Without a budget these two calls would have sent 10 requests.
      expect(totalRegisterCalls(cluster)).toBe(4);
    } finally {
      await close();
    }
  });

  it('applies changed tunables from the config store on the next call', async () => {
    const { http, config, close } = clientFor(cluster.urls, { httpRetryCount: 2 });
    try {
      cluster.nodes.forEach(node => node.faults.failNext(100, 503));
      expect(await failureOf(register(http))).toMatchObject({ attempts: 2 });

      config.update({ httpRetryCount: 4, headers: { 'x-tenant': 'blue' } });
      expect(await failureOf(register(http))).toMatchObject({ attempts: 4 });
      expect(totalRegisterCalls(cluster)).toBe(6);
      const last = cluster.nodes.flatMap(node => node.requests).at(-1);
      expect(last?.headers['x-tenant']).toBe('blue');
    } finally {
      await close();
    }
  });

  it('cancels a call stuck on a stalled node when its signal fires', async () => {
    const { http, close } = clientFor(cluster.urls, { requestTimeoutMs: 60_000 });
    try {
      cluster.nodes.forEach(node => node.faults.stall(true));
      const controller = new AbortController();
      const pending = failureOf(register(http, controller.signal));
      await cluster.nodes[0]!.waitForRequest(request => request.path.endsWith(REST_PATHS.register));
      controller.abort(new Error('caller gave up'));
      const error = await pending;
      expect(error.code).toBe('ARTEMIS_ABORTED');
      expect((error.cause as Error).message).toBe('caller gave up');
    } finally {
      await close();
    }
  });

  it('rejects a call waiting in backoff when the client closes', async () => {
    const { http, close } = clientFor(
      cluster.urls,
      {
        httpRetryIntervalMs: 60_000,
        httpRetryMaxDelayMs: 60_000,
      },
      { random: () => 1 },
    );
    cluster.nodes.forEach(node => node.faults.failNext(10, 503));
    const retrying = new Promise(resolve => http.events.once('retry', resolve));
    const pending = failureOf(register(http));
    await retrying;
    await close();
    expect((await pending).code).toBe('ARTEMIS_CLIENT_CLOSED');
  });
});

describe.each([
  ['java', '/ctx/sub'],
  ['rust', ''],
] as const)('context paths (%s, "%s")', (flavor, contextPath) => {
  it('joins the base URL and the API path with exactly one "/"', async () => {
    const cluster = await startArtemisCluster({ flavor, size: 1, contextPath });
    const { http, addresses, close } = clientFor(cluster.urls.map(url => `${url}///`));
    try {
      await register(http);
      await addresses.refresh();
      await register(http);
      const paths = cluster.nodes[0]!.requests.map(request => request.path);
      expect(paths).toContain(`${contextPath}/api/registry/register.json`);
      expect(paths.some(path => path.includes('/api/cluster/up-registry-nodes.json'))).toBe(true);
      for (const path of paths) {
        expect(path).not.toContain('//');
        expect(path.startsWith(`${contextPath}/api/`)).toBe(true);
      }
    } finally {
      await close();
      await cluster.close();
    }
  });
});
