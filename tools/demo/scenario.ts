// The demo's story: register a few instances of a service, discover them, watch the service while
// one instance's health check takes it down and brings it back, and show the metrics. Used by `npm start` and by the
// test that keeps the demo working.
import { createArtemisClient } from '@artemis/client';
import type {
  ArtemisClient,
  Instance,
  RegistrationInstance,
  ServiceChangeEvent,
} from '@artemis/client';
import { startArtemisEmulator, waitFor } from '@artemis/testing';
import type { ArtemisEmulator, EmulatorFlavor } from '@artemis/testing';

import { serveMetrics } from './metrics-server';
import type { Printer } from './printer';
import { colour } from './printer';

const SERVICE_ID = 'demo-shop';
const REGION_ID = 'demo';
const ZONE_ID = 'demo-z1';

export interface DemoOptions {
  printer: Printer;
  /** Real servers to talk to; when absent an emulator is started. */
  serverUrls?: string[];
  /** Which server the embedded emulator plays. */
  emulatorFlavor: EmulatorFlavor;
  /** Port of the metrics page; 0 picks a free one. */
  metricsPort: number;
  /** Resolves when the demo should end; the story runs first either way. */
  stopped: Promise<void>;
  /** Pause between the steps of the story, so a person can follow it. */
  paceMs: number;
}

/** What the demo saw, for its test. */
export interface DemoReport {
  flavor: string;
  changes: ServiceChangeEvent[];
  finalInstances: string[];
  metricsText: string;
}

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const { printer } = options;
  const emulator = options.serverUrls ? undefined : await startEmulator(options, printer);
  const serverUrls = options.serverUrls ?? [(emulator as ArtemisEmulator).url];

  // The instances' health, as the application would know it: their status follows it.
  const unhealthy = new Set<string>();
  const client = createArtemisClient({
    serverUrls,
    regionId: REGION_ID,
    zoneId: ZONE_ID,
    heartbeatIntervalMs: 1_000,
    heartbeatTtlMs: 3_000,
    discoveryPollIntervalMs: 1_000,
    metrics: true,
    env: {},
    healthCheck: instance => (unhealthy.has(instance.instanceId) ? 'down' : 'up'),
  });
  const metricsServer = await serveMetrics(client.metrics!, options.metricsPort);
  printer.line('info', `Metrics are served at ${colour.bold(metricsServer.url)}`);

  try {
    return await tellTheStory(client, unhealthy, options);
  } finally {
    printer.heading('Shutting down');
    await client.close();
    printer.line('good', 'Client closed: instances unregistered, timers and sockets stopped');
    await metricsServer.close();
    await emulator?.close();
    if (emulator) printer.line('good', 'Emulator stopped');
  }
}

async function startEmulator(options: DemoOptions, printer: Printer): Promise<ArtemisEmulator> {
  const emulator = await startArtemisEmulator({
    flavor: options.emulatorFlavor,
    regionId: REGION_ID,
    zoneId: ZONE_ID,
    leaseTtlMs: 5_000,
  });
  printer.line(
    'info',
    `Started an emulated ${options.emulatorFlavor} Artemis server at ${colour.bold(emulator.url)}`,
  );
  return emulator;
}

async function tellTheStory(
  client: ArtemisClient,
  unhealthy: Set<string>,
  options: DemoOptions,
): Promise<DemoReport> {
  const { printer, stopped } = options;
  const pause = () => new Promise(resolve => setTimeout(resolve, options.paceMs));
  const flavor = await client.flavor();
  printer.line('good', `The server speaks the ${colour.bold(flavor)} protocol`);

  printer.heading(`Registering three instances of ${SERVICE_ID}`);
  const instances = [1, 2, 3].map(demoInstance);
  let beats = 0;
  client.registry.events.on('heartbeat-acknowledged', ({ latencyMs, count }) => {
    beats++;
    if (beats === 1 || beats % 10 === 0) {
      printer.line(
        'info',
        `Heartbeat #${beats}: ${count} instances renewed in ${latencyMs.toFixed(1)} ms`,
      );
    }
  });
  client.registry.events.on('status-changed', ({ instance, previous }) => {
    printer.line(
      'info',
      `${instance.instanceId} goes from ${previous} to ${instance.status} at this heartbeat`,
    );
  });
  const { registered } = await client.registry.register(instances);
  printer.line('good', `Registered ${registered.map(i => i.instanceId).join(', ')}`);

  await pause();
  printer.heading('Discovering them');
  const service = await client.discovery.getService(SERVICE_ID);
  printer.table(service.instances.map(describe));

  await pause();
  printer.heading(`Watching ${SERVICE_ID} while one instance goes down and comes back`);
  const changes: ServiceChangeEvent[] = [];
  const watching = client.discovery.watch(SERVICE_ID).subscribe(event => {
    changes.push(event);
    const who = event.instance?.instanceId ?? SERVICE_ID;
    const up = event.service.instances.length;
    printer.line(
      event.changeType === 'delete' ? 'bad' : 'good',
      `${event.changeType.padEnd(6)} ${who} ${colour.dim(`(${event.source}; ${up} up now)`)}`,
    );
  });

  const second = instances[1]!;
  printer.line('warn', `${second.instanceId} loses its database: its health check says down`);
  unhealthy.add(second.instanceId);
  await waitFor(() => changes.some(e => e.changeType === 'delete'), 15_000);

  await pause();
  printer.line('info', `${second.instanceId} recovers: its health check says up`);
  unhealthy.delete(second.instanceId);
  await waitFor(() => changes.some(e => e.changeType === 'new'), 15_000);

  await pause();
  const current = await client.discovery.getService(SERVICE_ID);
  printer.heading('The service now');
  printer.table(current.instances.map(describe));

  printer.heading('Running: heartbeats continue, the cache stays fresh. Press Ctrl-C to stop.');
  await stopped;
  watching.unsubscribe();

  return {
    flavor,
    changes,
    finalInstances: current.instances.map(instance => instance.instanceId).sort(),
    metricsText: await client.metrics!.metrics(),
  };
}

function demoInstance(n: number): RegistrationInstance {
  const port = 8080 + n;
  return {
    regionId: REGION_ID,
    zoneId: ZONE_ID,
    serviceId: SERVICE_ID,
    instanceId: `shop-${n}`,
    ip: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    status: 'up',
    metadata: { version: '1.4.2' },
  };
}

function describe(instance: Instance): Record<string, string> {
  return {
    instance: instance.instanceId,
    url: instance.url ?? '',
    status: instance.status ?? '',
    zone: instance.zoneId ?? '',
  };
}
