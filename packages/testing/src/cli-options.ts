import { parseArgs } from 'node:util';
import type { ArtemisEmulatorOptions } from './options.js';

export const USAGE = `Usage: artemis-emulator [options]

Runs an emulated Artemis server until interrupted and prints its URL (one line per node).

Options:
  --flavor java|rust     server line to emulate (default: java)
  --port N               port to listen on, 0 for a free one; only 0 with --nodes (default: 0)
  --host H               interface to listen on (default: 127.0.0.1)
  --context-path P       path every route lives under (default: /artemis for java, none for rust)
  --region R             the server's region (default: test)
  --zone Z               the server's zone (default: test-z1)
  --lease-ttl-ms N       lease time to live (default: 20000 for java, 30000 for rust)
  --nodes N              run N nodes sharing one store, as a cluster (default: 1)
  --tls                  serve https and wss with a fresh self-signed certificate
  --cert-out FILE        with --tls, write that certificate (PEM) to FILE for clients to trust
  --help                 print this text`;

/** What the command line asks for. */
export interface CliRequest {
  help: boolean;
  nodes: number;
  tls: boolean;
  certOut: string | undefined;
  options: ArtemisEmulatorOptions;
}

/** A command line that cannot be run; the message says why, then gives the usage. */
export class CliUsageError extends Error {
  readonly code = 'ARTEMIS_EMULATOR_USAGE';
}

/** Reads the command line; throws CliUsageError for anything it cannot run. */
export function parseCliArgs(args: readonly string[]): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        flavor: { type: 'string', default: 'java' },
        port: { type: 'string', default: '0' },
        host: { type: 'string' },
        'context-path': { type: 'string' },
        region: { type: 'string' },
        zone: { type: 'string' },
        'lease-ttl-ms': { type: 'string' },
        nodes: { type: 'string', default: '1' },
        tls: { type: 'boolean', default: false },
        'cert-out': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message, { cause: error });
  }

  const flavor = values.flavor;
  if (flavor !== 'java' && flavor !== 'rust') {
    throw new CliUsageError(`--flavor must be java or rust, not ${flavor}`);
  }
  const port = integer('--port', values.port, 0, 65_535);
  const nodes = integer('--nodes', values.nodes, 1, 50);
  if (nodes > 1 && port !== 0) throw new CliUsageError('--nodes above 1 needs --port 0');
  if (values['cert-out'] !== undefined && !values.tls) {
    throw new CliUsageError('--cert-out needs --tls');
  }

  const options: ArtemisEmulatorOptions = { flavor, port };
  if (values.host !== undefined) options.host = values.host;
  if (values['context-path'] !== undefined) options.contextPath = values['context-path'];
  if (values.region !== undefined) options.regionId = values.region;
  if (values.zone !== undefined) options.zoneId = values.zone;
  if (values['lease-ttl-ms'] !== undefined) {
    options.leaseTtlMs = integer('--lease-ttl-ms', values['lease-ttl-ms'], 1, 7 * 86_400_000);
  }
  return { help: values.help, nodes, tls: values.tls, certOut: values['cert-out'], options };
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(`${name} must be an integer from ${min} to ${max}, not ${text}`);
  }
  return value;
}
