// `npm start`: the SDK on an embedded emulator (or on real servers named by ARTEMIS_SERVER_URLS).
// Environment:
//   ARTEMIS_SERVER_URLS  comma-separated servers to use instead of the emulator
//   DEMO_FLAVOR          java (default) or rust: which server the emulator plays
//   DEMO_METRICS_PORT    port of the metrics page (default 9464, any free port when taken)
//   DEMO_RUN_SECONDS     end by itself after so many seconds (default: run until Ctrl-C)
//   DEMO_PACE_MS         pause between the steps of the story (default 1500)
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
    paceMs: Number(process.env['DEMO_PACE_MS'] ?? 1_500),
  });
  printer.line('good', 'Bye');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
