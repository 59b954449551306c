#!/usr/bin/env node
// Runs emulated Artemis nodes until SIGINT or SIGTERM: artemis-emulator --flavor java|rust --port N
import { writeFileSync } from 'node:fs';
import { CliUsageError, parseCliArgs, USAGE } from './cli-options.js';
import { startArtemisCluster } from './cluster.js';
import { startArtemisEmulator } from './emulator.js';
import { createSelfSignedCertificate } from './tls/self-signed-certificate.js';

async function main(): Promise<void> {
  const request = parseCliArgs(process.argv.slice(2));
  if (request.help) {
    console.log(USAGE);
    return;
  }

  const options = { ...request.options };
  if (request.tls) {
    options.tls = createSelfSignedCertificate();
    if (request.certOut) writeFileSync(request.certOut, options.tls.cert);
  }

  // Cluster nodes each take a free port, which parseCliArgs made sure was asked for.
  const { port, ...nodeOptions } = options;
  const cluster =
    request.nodes > 1
      ? await startArtemisCluster({ ...nodeOptions, size: request.nodes })
      : await startArtemisEmulator({ ...nodeOptions, port }).then(node => ({
          urls: [node.url],
          close: () => node.close(),
        }));
  for (const url of cluster.urls) console.log(url);

  const shutdown = () => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    // Once closed the nodes hold no handle, so the process ends on its own.
    void cluster.close();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof CliUsageError) console.error(`\n${USAGE}`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
