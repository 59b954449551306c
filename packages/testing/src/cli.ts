#!/usr/bin/env node
// Runs one emulator node until SIGINT or SIGTERM: artemis-emulator --flavor java|rust --port N
import { parseArgs } from 'node:util';
import { startArtemisEmulator } from './emulator.js';
import type { EmulatorFlavor } from './types.js';

const USAGE =
  'Usage: artemis-emulator [--flavor java|rust] [--port N] [--host H] [--context-path P] [--region R] [--zone Z]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      flavor: { type: 'string', default: 'java' },
      port: { type: 'string', default: '0' },
      host: { type: 'string' },
      'context-path': { type: 'string' },
      region: { type: 'string' },
      zone: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const port = Number(values.port);
  if (values.flavor !== 'java' && values.flavor !== 'rust') throw new Error(USAGE);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(USAGE);

  const emulator = await startArtemisEmulator({
    flavor: values.flavor as EmulatorFlavor,
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values['context-path'] !== undefined ? { contextPath: values['context-path'] } : {}),
    ...(values.region ? { regionId: values.region } : {}),
    ...(values.zone ? { zoneId: values.zone } : {}),
  });
  console.log(emulator.url);

  const shutdown = () => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    // Once closed the emulator holds no handle, so the process ends on its own.
    void emulator.close();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
