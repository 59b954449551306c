// The cost of @artemis/http-retry over raw undici: the same heartbeat body POSTed to the same
// emulator node through ArtemisHttpClient and through a bare undici Pool, in rotating rounds of
// one run so that machine noise hits every side alike. The SDK side does everything a real call
// does (address lookup, retry bookkeeping, schema validation of the reply, classification); the
// raw side serialises, sends, reads and JSON-parses. A third side runs the SDK with the reply
// validation skipped, to tell the transport's own cost from the protocol package's. The emulator
// runs in a child process, as a server would, so the client's CPU is its own; the ratios are the
// result.
import { performance } from 'node:perf_hooks';

import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import {
  buildHeartbeatRequest,
  buildRegisterRequest,
  joinUrl,
  parseHeartbeatReply,
  parseRegisterReply,
  REST_PATHS,
} from '@artemis/protocol';
import type { Flavor, HeartbeatReply, RegistrationInstance } from '@artemis/protocol';
import { Pool } from 'undici';

import type { ChildEmulator } from './child-emulator';
import { startChildEmulator } from './child-emulator';
import type { BenchResult } from './result';

const INSTANCES_PER_BODY = 10;
const WARM_UP_CALLS = 200;
const LATENCY_ROUNDS = 10;
const LATENCY_CALLS_PER_ROUND = 100;
const THROUGHPUT_ROUNDS = 8;
const THROUGHPUT_ROUND_MS = 400;
const CONCURRENCY = 16;

/** One way of sending the body: resolves once the reply is read and parsed. */
type Send = () => Promise<void>;

const SIDES = ['sdk', 'unvalidated', 'raw'] as const;
type Side = (typeof SIDES)[number];

/** A measure of each side, and each SDK side's ratio to raw (the median of per-round ratios). */
interface Compared {
  value: Record<Side, number>;
  ratio: Record<Exclude<Side, 'raw'>, number>;
}

const LABEL: Record<Side, string> = {
  sdk: 'ArtemisHttpClient',
  unvalidated: 'ArtemisHttpClient, reply validation skipped',
  raw: 'raw undici',
};

export async function benchHttpOverhead(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const flavor of ['java', 'rust'] as const) results.push(...(await benchFlavor(flavor)));
  return results;
}

async function benchFlavor(flavor: Flavor): Promise<BenchResult[]> {
  const emulator = await startChildEmulator(flavor, 600_000);
  const stack = sideBySide(emulator, flavor);
  const betweenRounds = (): void => undefined;
  try {
    await stack.registerBody();
    for (const side of SIDES) await repeat(stack.sends[side], WARM_UP_CALLS);

    const latency = await medianLatencies(stack.sends, betweenRounds);
    const { wall, cpu } = await throughputs(stack.sends, betweenRounds);
    const calls = LATENCY_ROUNDS * LATENCY_CALLS_PER_ROUND;
    const window = `${CONCURRENCY} in flight, median of ${THROUGHPUT_ROUNDS} rounds of ${THROUGHPUT_ROUND_MS} ms`;
    const results: BenchResult[] = [];

    for (const side of ['sdk', 'raw'] as const) {
      results.push(
        {
          name: `${flavor}: median latency, ${LABEL[side]}`,
          value: round(latency.value[side], 3),
          unit: 'ms',
          note: `one call at a time, median of ${calls}`,
        },
        {
          name: `${flavor}: throughput, ${LABEL[side]}`,
          value: Math.round(wall.value[side]),
          unit: 'req/s',
          note: window,
        },
      );
    }
    results.push(
      {
        name: `${flavor}: latency ratio SDK / raw`,
        value: round(latency.ratio.sdk, 3),
        unit: 'x',
        note: `median of ${LATENCY_ROUNDS} rounds; overhead ${percent(latency.ratio.sdk - 1)}`,
      },
      {
        name: `${flavor}: throughput ratio SDK / raw`,
        value: round(wall.ratio.sdk, 3),
        unit: 'x',
        note: `median of ${THROUGHPUT_ROUNDS} rounds; overhead ${percent(1 / wall.ratio.sdk - 1)} (target: under 10%)`,
      },
      {
        name: `${flavor}: requests per CPU second ratio SDK / raw`,
        value: round(cpu.ratio.sdk, 3),
        unit: 'x',
        note: `CPU of the client process, steadier on a busy machine; overhead ${percent(1 / cpu.ratio.sdk - 1)}`,
      },
      {
        name: `${flavor}: latency ratio SDK without reply validation / raw`,
        value: round(latency.ratio.unvalidated, 3),
        unit: 'x',
        note: `the transport's own cost; overhead ${percent(latency.ratio.unvalidated - 1)}`,
      },
      {
        name: `${flavor}: requests per CPU second ratio SDK without reply validation / raw`,
        value: round(cpu.ratio.unvalidated, 3),
        unit: 'x',
        note: `the transport's own cost; overhead ${percent(1 / cpu.ratio.unvalidated - 1)}`,
      },
    );
    return results;
  } finally {
    await stack.close();
    await emulator.close();
  }
}

/** The SDK client and a raw undici pool aimed at the same node with the same body. */
function sideBySide(emulator: ChildEmulator, flavor: Flavor) {
  const context = { regionId: 'test', zoneId: 'test-z1' };
  const instances = makeInstances(INSTANCES_PER_BODY);
  const body = buildHeartbeatRequest(instances, flavor);

  const config = new ConfigStore({ ...context, flavor, serverUrls: [emulator.url] }, {});
  const addresses = new AddressManager({ side: 'registry', config });
  const http = new ArtemisHttpClient({
    side: 'registry',
    addresses,
    config,
    connectionsPerOrigin: CONCURRENCY,
  });

  const url = new URL(emulator.url);
  const pool = new Pool(url.origin, { connections: CONCURRENCY });
  const path = joinUrl(url.pathname, REST_PATHS.heartbeat);
  const headers = { 'content-type': 'application/json', accept: 'application/json' };

  const throughSdk =
    (parse: (json: unknown) => HeartbeatReply): Send =>
    async () => {
      const result = await http.post(REST_PATHS.heartbeat, body, { operation: 'heartbeat', parse });
      if (result.classification.kind !== 'success') {
        throw new Error(`heartbeat not accepted: ${result.classification.kind}`);
      }
    };
  const sends: Record<Side, Send> = {
    sdk: throughSdk(parseHeartbeatReply),
    // Both servers' replies carry responseStatus.errorCode, all classification needs.
    unvalidated: throughSdk(json => json as HeartbeatReply),
    raw: async () => {
      // Serialised on every call, as the SDK does.
      const payload = JSON.stringify(body);
      const response = await pool.request({ path, method: 'POST', headers, body: payload });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
      JSON.parse(text);
    },
  };

  return {
    sends,
    registerBody: async () => {
      await http.post(REST_PATHS.register, buildRegisterRequest(instances), {
        operation: 'register',
        parse: parseRegisterReply,
      });
    },
    close: async () => {
      await http.close();
      await addresses.close();
      await pool.close();
    },
  };
}

/** Median latency of each side, one call at a time, in short rotating rounds. */
async function medianLatencies(
  sends: Record<Side, Send>,
  betweenRounds: () => void,
): Promise<Compared> {
  return compareInRounds(LATENCY_ROUNDS, async side => {
    betweenRounds();
    const samples: number[] = [];
    for (let call = 0; call < LATENCY_CALLS_PER_ROUND; call++) {
      const started = performance.now();
      await sends[side]();
      samples.push(performance.now() - started);
    }
    return { median: median(samples) };
  }).then(rounds => ({
    value: rounds.median.value,
    ratio: rounds.median.ratio,
  }));
}

/** Requests per second (wall clock and CPU time) with `CONCURRENCY` closed-loop workers. */
async function throughputs(
  sends: Record<Side, Send>,
  betweenRounds: () => void,
): Promise<{ wall: Compared; cpu: Compared }> {
  const rounds = await compareInRounds(THROUGHPUT_ROUNDS, async side => {
    betweenRounds();
    const { calls, ms, cpuMs } = await closedLoop(sends[side], THROUGHPUT_ROUND_MS);
    return { wall: (calls * 1000) / ms, cpu: (calls * 1000) / cpuMs };
  });
  // Latency grows with cost, throughput shrinks: both ratios read "SDK / raw".
  return { wall: rounds.wall, cpu: rounds.cpu };
}

/**
 * Runs `measure` for every side in each of `count` rounds, rotating which side goes first, and
 * compares each SDK side with raw round by round: a burst of load from elsewhere then spoils one
 * round's ratio, not the result.
 */
async function compareInRounds<K extends string>(
  count: number,
  measure: (side: Side) => Promise<Record<K, number>>,
): Promise<Record<K, Compared>> {
  const perRound: Array<Record<Side, Record<K, number>>> = [];
  for (let round = 0; round < count; round++) {
    const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]!);
    const measured = {} as Record<Side, Record<K, number>>;
    for (const side of order) measured[side] = await measure(side);
    perRound.push(measured);
  }

  const keys = Object.keys(perRound[0]?.raw ?? {}) as K[];
  const result = {} as Record<K, Compared>;
  for (const key of keys) {
    const valuesOf = (side: Side) => perRound.map(round => round[side][key]);
    const ratioOf = (side: Side) => median(perRound.map(r => r[side][key] / r.raw[key]));
    result[key] = {
      value: {
        sdk: median(valuesOf('sdk')),
        unvalidated: median(valuesOf('unvalidated')),
        raw: median(valuesOf('raw')),
      },
      ratio: { sdk: ratioOf('sdk'), unvalidated: ratioOf('unvalidated') },
    };
  }
  return result;
}

/**
 * Runs `CONCURRENCY` workers for `durationMs`. Besides wall time it measures this process's CPU
 * time, which other load on a shared machine disturbs far less.
 */
async function closedLoop(
  send: Send,
  durationMs: number,
): Promise<{ calls: number; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + durationMs;
  let calls = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await send();
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function repeat(send: Send, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await send();
}

function makeInstances(count: number): RegistrationInstance[] {
  return Array.from({ length: count }, (_, index) => ({
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId: 'bench.http-overhead',
    instanceId: `instance-${index}`,
    ip: '127.0.0.1',
    port: 20_000 + index,
    url: `http://127.0.0.1:${20_000 + index}`,
    status: 'up',
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
