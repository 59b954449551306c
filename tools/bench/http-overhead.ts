// The cost of @artemis/http-retry over raw undici: the same heartbeat body POSTed to the same
// emulator node, through ArtemisHttpClient and through a bare undici Pool, in alternating rounds
// of one run so that machine noise hits both alike. The SDK side does everything a real call
// does (address lookup, retry bookkeeping, schema parsing, reply classification, events); the raw
// side sends, reads and JSON-parses. The emulator shares the process, so absolute numbers are
// modest; the ratios are the result.
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
import type { Flavor, RegistrationInstance } from '@artemis/protocol';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator } from '@artemis/testing';
import { Pool } from 'undici';

import type { BenchResult } from './result';

const INSTANCES_PER_BODY = 10;
const WARM_UP_CALLS = 200;
const LATENCY_ROUNDS = 10;
const LATENCY_CALLS_PER_ROUND = 100;
const THROUGHPUT_ROUNDS = 8;
const THROUGHPUT_ROUND_MS = 500;
const CONCURRENCY = 16;

/** One way of sending the body: resolves once the reply is read and parsed. */
type Send = () => Promise<void>;

export async function benchHttpOverhead(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const flavor of ['java', 'rust'] as const) results.push(...(await benchFlavor(flavor)));
  return results;
}

async function benchFlavor(flavor: Flavor): Promise<BenchResult[]> {
  const emulator = await startArtemisEmulator({ flavor, leaseTtlMs: 600_000 });
  const stack = sideBySide(emulator, flavor);
  try {
    await stack.registerBody();
    await repeat(stack.sdk, WARM_UP_CALLS);
    await repeat(stack.raw, WARM_UP_CALLS);

    const latency = await medianLatencies(stack.sdk, stack.raw, () => emulator.clearLog());
    const throughput = await throughputs(stack.sdk, stack.raw, () => emulator.clearLog());
    const latencyRatio = latency.ratio;
    const throughputRatio = throughput.ratio;
    const calls = LATENCY_ROUNDS * LATENCY_CALLS_PER_ROUND;
    const window = `${CONCURRENCY} in flight, median of ${THROUGHPUT_ROUNDS} rounds of ${THROUGHPUT_ROUND_MS} ms`;

    return [
      {
        name: `${flavor}: median latency, ArtemisHttpClient`,
        value: round(latency.sdk, 3),
        unit: 'ms',
        note: `one call at a time, median of ${calls}`,
      },
      {
        name: `${flavor}: median latency, raw undici`,
        value: round(latency.raw, 3),
        unit: 'ms',
        note: 'same body, same node, rounds alternated',
      },
      {
        name: `${flavor}: latency ratio SDK / raw`,
        value: round(latencyRatio, 3),
        unit: 'x',
        note: `median of ${LATENCY_ROUNDS} paired rounds; SDK overhead ${percent(latencyRatio - 1)}`,
      },
      {
        name: `${flavor}: throughput, ArtemisHttpClient`,
        value: Math.round(throughput.sdk),
        unit: 'req/s',
        note: window,
      },
      {
        name: `${flavor}: throughput, raw undici`,
        value: Math.round(throughput.raw),
        unit: 'req/s',
        note: window,
      },
      {
        name: `${flavor}: throughput ratio SDK / raw`,
        value: round(throughputRatio, 3),
        unit: 'x',
        note: `median of ${THROUGHPUT_ROUNDS} paired rounds; SDK overhead ${percent(1 / throughputRatio - 1)} (target: under 10%)`,
      },
    ];
  } finally {
    await stack.close();
    await emulator.close();
  }
}

/** The SDK client and a raw undici pool aimed at the same node with the same body. */
function sideBySide(emulator: ArtemisEmulator, flavor: Flavor) {
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

  const sdk: Send = async () => {
    const result = await http.post(REST_PATHS.heartbeat, body, {
      operation: 'heartbeat',
      parse: parseHeartbeatReply,
    });
    if (result.classification.kind !== 'success') {
      throw new Error(`heartbeat not accepted: ${result.classification.kind}`);
    }
  };
  const raw: Send = async () => {
    // Serialised on every call, as the SDK does.
    const payload = JSON.stringify(body);
    const response = await pool.request({ path, method: 'POST', headers, body: payload });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    JSON.parse(text);
  };

  return {
    sdk,
    raw,
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

/** What one side measured, and the SDK / raw ratio of each pair of rounds. */
interface Paired {
  sdk: number;
  raw: number;
  ratio: number;
}

/**
 * Median latency of each side, one call at a time, in short alternating rounds. The ratio is the
 * median of the per-round ratios, so a burst of load from elsewhere spoils one pair, not the run.
 */
async function medianLatencies(sdk: Send, raw: Send, betweenRounds: () => void): Promise<Paired> {
  const all = { sdk: [] as number[], raw: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    const medians = { sdk: 0, raw: 0 };
    for (const side of orderOf(round)) {
      // The emulator logs every request; a growing log would slow whichever side runs later.
      betweenRounds();
      const send = side === 'sdk' ? sdk : raw;
      const samples: number[] = [];
      for (let call = 0; call < LATENCY_CALLS_PER_ROUND; call++) {
        const started = performance.now();
        await send();
        samples.push(performance.now() - started);
      }
      medians[side] = median(samples);
      all[side].push(...samples);
    }
    ratios.push(medians.sdk / medians.raw);
  }
  return { sdk: median(all.sdk), raw: median(all.raw), ratio: median(ratios) };
}

/** Requests per second of each side with `CONCURRENCY` closed-loop workers, in paired rounds. */
async function throughputs(sdk: Send, raw: Send, betweenRounds: () => void): Promise<Paired> {
  const rates = { sdk: [] as number[], raw: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    const rate = { sdk: 0, raw: 0 };
    for (const side of orderOf(round)) {
      betweenRounds();
      const { calls, ms } = await closedLoop(side === 'sdk' ? sdk : raw, THROUGHPUT_ROUND_MS);
      rate[side] = (calls * 1000) / ms;
      rates[side].push(rate[side]);
    }
    ratios.push(rate.sdk / rate.raw);
  }
  return { sdk: median(rates.sdk), raw: median(rates.raw), ratio: median(ratios) };
}

/** Alternates which side goes first, so neither always runs on a warmer machine. */
function orderOf(round: number): ReadonlyArray<'sdk' | 'raw'> {
  return round % 2 === 0 ? ['sdk', 'raw'] : ['raw', 'sdk'];
}

async function closedLoop(send: Send, durationMs: number): Promise<{ calls: number; ms: number }> {
  const started = performance.now();
  const deadline = started + durationMs;
  let calls = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await send();
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { calls, ms: performance.now() - started };
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
