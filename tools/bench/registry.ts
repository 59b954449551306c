// Registry benchmarks against the emulator on loopback: one process keeping 10,000 instances
// alive, and the Rust server's stress-test unit (100 closed-loop workers, 10 instances per
// request) sent through the SDK and through raw undici side by side. The emulator runs in this
// process too, so absolute rates are the client and the server sharing the machine; the ratios
// compare like with like.
import { performance } from 'node:perf_hooks';

import { AddressManager } from '@artemis/address';
import type { ArtemisOptions, HeartbeatTransport } from '@artemis/config';
import { ConfigStore } from '@artemis/config';
import { ArtemisHttpClient } from '@artemis/http-retry';
import {
  buildHeartbeatRequest,
  buildRegisterRequest,
  classifyReply,
  joinUrl,
  REST_PATHS,
} from '@artemis/protocol';
import type { Flavor, RegistrationInstance } from '@artemis/protocol';
import { createRegistryTransport, HttpRegistryTransport, RegistryClient } from '@artemis/registry';
import type { ArtemisEmulator } from '@artemis/testing';
import { startArtemisEmulator } from '@artemis/testing';
import { Pool } from 'undici';

import { startChildEmulator } from './child-emulator';
import type { BenchResult } from './result';

const FLEET_SIZE = 10_000;
const FLEET_BEATS = 3;
const WORKERS = 100;
const KEYS_PER_REQUEST = 10;
const LOAD_SECONDS = 3;
const WARM_UP_SECONDS = 0.5;
const CONNECTIONS = 64;

export async function benchRegistry(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(...(await benchFleet('rust', 'http')));
  results.push(...(await benchFleet('java', 'http')));
  results.push(...(await benchFleet('java', 'websocket')));
  results.push(...(await benchLoadUnit('heartbeat')));
  results.push(...(await benchLoadUnit('register')));
  return results;
}

// ---------------------------------------------------------------------------------------------
// 10,000 instances in one process.

async function benchFleet(flavor: Flavor, transport: HeartbeatTransport): Promise<BenchResult[]> {
  const label = `${FLEET_SIZE.toLocaleString('en-US')} instances, ${flavor}, ${transport}`;
  const emulator = await startArtemisEmulator({ flavor, leaseTtlMs: 120_000 });
  // Each beat must finish within one interval; leave room for a noisy machine.
  const sdk = sdkStack(emulator, flavor, {
    heartbeatTransport: transport,
    heartbeatIntervalMs: 1_500,
  });
  const client = new RegistryClient({ transport: sdk.transport, config: sdk.config });
  try {
    const fleet = makeInstances('bench.fleet', FLEET_SIZE);
    const registerStarted = performance.now();
    await client.register(fleet);
    const registerMs = performance.now() - registerStarted;

    // The first beat warms the code paths up; it is left out, as is the raw baseline's first.
    const beats = (await collectBeats(client, FLEET_BEATS + 1)).slice(1);
    const latencies = beats.map(beat => beat.latencyMs).sort((a, b) => a - b);
    const requests = beats[0]?.requests ?? 0;
    const unit = transport === 'websocket' ? 'frames' : 'requests';

    const results: BenchResult[] = [
      { name: `register ${label}`, value: round(registerMs), unit: 'ms' },
      {
        name: `heartbeat batch ${label}`,
        value: round(median(latencies)),
        unit: 'ms',
        note: `median of ${beats.length} beats, ${unit} per beat: ${requests}`,
      },
      { name: `${unit} per heartbeat batch, ${label}`, value: requests, unit },
    ];

    if (transport === 'http') {
      const rawMs = await rawBatchMs(emulator, flavor, fleet, requests);
      results.push({
        name: `heartbeat batch ${label}, raw undici`,
        value: round(rawMs),
        unit: 'ms',
        note: `same ${requests} bodies, serialised per call, 4 in flight, median of ${FLEET_BEATS}`,
      });
      results.push({
        name: `heartbeat batch ${label}, SDK / raw`,
        value: round(median(latencies) / rawMs, 2),
        unit: 'ratio',
        note: 'lower is better; 1 = no overhead',
      });
    }
    return results;
  } finally {
    await client.close();
    await sdk.close();
    await emulator.close();
  }
}

type Beat = { latencyMs: number; requests: number };

/** Waits for `count` acknowledged heartbeats of the client. */
function collectBeats(client: RegistryClient, count: number): Promise<Beat[]> {
  return new Promise((resolve, reject) => {
    const beats: Beat[] = [];
    const timer = setTimeout(() => reject(new Error('heartbeats did not come')), 60_000);
    const failed = client.events.on('heartbeat-failed', ({ error }) => {
      clearTimeout(timer);
      reject(error);
    });
    const unsubscribe = client.events.on('heartbeat-acknowledged', beat => {
      beats.push({ latencyMs: beat.latencyMs, requests: beat.requests });
      if (beats.length < count) return;

      clearTimeout(timer);
      unsubscribe();
      failed();
      resolve(beats);
    });
  });
}

/** The same heartbeat bodies as the SDK sends for the fleet, with raw undici, 4 in flight. */
async function rawBatchMs(
  emulator: ArtemisEmulator,
  flavor: Flavor,
  fleet: readonly RegistrationInstance[],
  requests: number,
): Promise<number> {
  const perRequest = Math.ceil(fleet.length / Math.max(1, requests));
  const bodies: unknown[] = [];
  for (let start = 0; start < fleet.length; start += perRequest) {
    bodies.push(buildHeartbeatRequest(fleet.slice(start, start + perRequest), flavor));
  }

  const raw = new RawPoster(emulator, REST_PATHS.heartbeat);
  try {
    const timings: number[] = [];
    for (let round = 0; round <= FLEET_BEATS; round++) {
      const started = performance.now();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < bodies.length) {
          const ok = await raw.post(bodies[next++]!);
          if (!ok) throw new Error('raw heartbeat was not a success');
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      if (round > 0) timings.push(performance.now() - started);
    }
    return median(timings.sort((a, b) => a - b));
  } finally {
    await raw.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The Rust stress-test unit: 100 closed-loop workers, 10 instances per request.

async function benchLoadUnit(operation: 'heartbeat' | 'register'): Promise<BenchResult[]> {
  // The server runs in its own process, as in the Rust stress test, so the client's CPU is its own.
  const emulator = await startChildEmulator('rust', 120_000);
  const sdk = sdkStack(emulator, 'rust', {});
  const http = new HttpRegistryTransport({ http: sdk.http, flavor: 'rust' });
  const groups = Array.from({ length: WORKERS }, (_, worker) =>
    makeInstances(`stress-test-service-${worker}`, KEYS_PER_REQUEST),
  );
  try {
    // Leases exist before the heartbeat load, as in the stress test.
    for (const group of groups) await http.register(group, new AbortController().signal);

    // One signal per worker, as each client's requests share its lifetime signal.
    const signals = groups.map(() => new AbortController().signal);
    const sdkSend = async (worker: number): Promise<boolean> => {
      const signal = signals[worker]!;
      const group = groups[worker]!;
      if (operation === 'register') {
        const outcome = await http.register(group, signal);
        return outcome.failed.length === 0;
      }
      const outcome = await http.heartbeat(group, signal);
      return outcome.lost.length === 0 && outcome.refused.length === 0;
    };
    const raw = new RawPoster(emulator, REST_PATHS[operation]);
    const bodies = groups.map(group =>
      operation === 'register' ? buildRegisterRequest(group) : buildHeartbeatRequest(group, 'rust'),
    );
    const rawSend = (worker: number): Promise<boolean> => raw.post(bodies[worker]!);
    const phase = (send: (worker: number) => Promise<boolean>, seconds: number) =>
      closedLoop(send, seconds);

    // Warm both paths up, then alternate halves so neither side gets the quieter moment.
    const sdkRuns: LoadRun[] = [];
    const rawRuns: LoadRun[] = [];
    try {
      await phase(sdkSend, WARM_UP_SECONDS);
      await phase(rawSend, WARM_UP_SECONDS);
      const half = LOAD_SECONDS / 2;
      sdkRuns.push(await phase(sdkSend, half));
      rawRuns.push(await phase(rawSend, half));
      rawRuns.push(await phase(rawSend, half));
      sdkRuns.push(await phase(sdkSend, half));
    } finally {
      await raw.close();
    }
    const sdkRun = averageRuns(sdkRuns);
    const rawRun = averageRuns(rawRuns);

    const what = operation === 'register' ? 'registrations' : 'renewals';
    const unitNote = `${WORKERS} workers × ${KEYS_PER_REQUEST} instances, ${LOAD_SECONDS} s, rust`;
    return [
      {
        name: `${operation} load unit, SDK`,
        value: round(sdkRun.perSecond),
        unit: 'requests/s',
        note: `${unitNote}; ${sdkRun.failures} failed`,
      },
      {
        name: `${operation} load unit, SDK`,
        value: round(sdkRun.perSecond * KEYS_PER_REQUEST),
        unit: `instance ${what}/s`,
      },
      {
        name: `${operation} load unit, raw undici`,
        value: round(rawRun.perSecond),
        unit: 'requests/s',
        note: `same bodies, serialised per call, ${CONNECTIONS} connections; ${rawRun.failures} failed`,
      },
      {
        name: `${operation} load unit, raw undici`,
        value: round(rawRun.perSecond * KEYS_PER_REQUEST),
        unit: `instance ${what}/s`,
      },
      {
        name: `${operation} load unit, SDK / raw`,
        value: round(sdkRun.perSecond / rawRun.perSecond, 2),
        unit: 'ratio',
        note: 'higher is better; 1 = as fast as raw undici',
      },
    ];
  } finally {
    await sdk.close();
    await emulator.close();
  }
}

interface LoadRun {
  perSecond: number;
  failures: number;
}

function averageRuns(runs: readonly LoadRun[]): LoadRun {
  return {
    perSecond: runs.reduce((sum, run) => sum + run.perSecond, 0) / runs.length,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

/**
 * Runs `WORKERS` workers for `LOAD_SECONDS`, each sending its next request as soon as the last
 * one is answered. A request counts only when it succeeded on the wire and in the envelope.
 */
async function closedLoop(
  send: (worker: number) => Promise<boolean>,
  seconds = LOAD_SECONDS,
): Promise<LoadRun> {
  const started = performance.now();
  const endAt = started + seconds * 1000;
  let successes = 0;
  let failures = 0;

  const worker = async (index: number): Promise<void> => {
    while (performance.now() < endAt) {
      const ok = await send(index).catch(() => false);
      if (ok) successes++;
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));

  const elapsedSeconds = (performance.now() - started) / 1000;
  return { perSecond: successes / elapsedSeconds, failures };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces.

/** The SDK stack an application gets: config store, address manager, HTTP client, transport. */
function sdkStack(emulator: { url: string }, flavor: Flavor, options: ArtemisOptions) {
  const config = new ConfigStore(
    {
      serverUrls: [emulator.url],
      regionId: 'test',
      zoneId: 'test-z1',
      heartbeatIntervalMs: 500,
      heartbeatTtlMs: 30_000,
      requestTimeoutMs: 30_000,
      ...options,
    },
    {},
  );
  const addresses = new AddressManager({ side: 'registry', config });
  const http = new ArtemisHttpClient({
    side: 'registry',
    addresses,
    config,
    connectionsPerOrigin: CONNECTIONS,
  });
  const transport = createRegistryTransport({ config, http, flavor, addresses });
  const close = async (): Promise<void> => {
    await transport.close?.();
    await http.close();
    await addresses.close();
    config.close();
  };
  return { config, http, transport, close };
}

/**
 * The baseline: undici POSTs of a prepared body, serialised on every call as any client must,
 * success checked as the SDK checks it.
 */
class RawPoster {
  readonly #pool: Pool;
  readonly #path: string;

  constructor(emulator: { url: string }, path: string) {
    const url = new URL(joinUrl(emulator.url, path));
    this.#pool = new Pool(url.origin, { connections: CONNECTIONS });
    this.#path = url.pathname;
  }

  async post(body: unknown): Promise<boolean> {
    const response = await this.#pool.request({
      method: 'POST',
      path: this.#path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await response.body.json()) as Parameters<typeof classifyReply>[0];
    return response.statusCode < 300 && classifyReply(reply).kind === 'success';
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

function makeInstances(serviceId: string, count: number): RegistrationInstance[] {
  return Array.from({ length: count }, (_, index) => ({
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId,
    instanceId: `${serviceId}-${index}`,
    ip: '10.0.0.1',
    port: 20_000 + (index % 40_000),
    url: `http://10.0.0.1:${20_000 + (index % 40_000)}/app`,
    status: 'up',
  }));
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
