// `npm start`: the SDK on an embedded emulator (or on real servers named by ARTEMIS_SERVER_URLS).
// Environment: ARTEMIS_SERVER_URLS (comma-separated), DEMO_FLAVOR (java or rust, for the
// emulator), DEMO_METRICS_PORT (default 9464, or any free port when taken), DEMO_RUN_SECONDS (end by itself after so long).
import { Printer } from './printer';
import { runDemo } from './scenario';

function stopSignal(): Promise<void> {
  return new Promise(resolve => {
    const seconds = Number(process.env['DEMO_RUN_SECONDS']);
    if (seconds > 0) setTimeout(resolve, seconds * 1000).unref();
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function main(): Promise<void> {
  const printer = new Printer();
  const urls = process.env['ARTEMIS_SERVER_URLS'];
  const flavor = process.env['DEMO_FLAVOR'] === 'rust' ? 'rust' : 'java';

  printer.heading('Artemis TypeScript SDK demo');
  await runDemo({
    printer,
    serverUrls: urls ? urls.split(',').map(url => url.trim()) : undefined,
    emulatorFlavor: flavor,
    metricsPort: Number(process.env['DEMO_METRICS_PORT'] ?? 9464),
    stopped: stopSignal(),
    paceMs: 1_500,
  });
  printer.line('good', 'Bye');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
