// An emulator in a child process, for benchmarks that compare the SDK with raw undici: with the
// server in the same process, every microsecond the client spends is also taken from the server,
// which makes the client's overhead look larger than it is on a real network.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { EmulatorFlavor } from '@artemis/testing';

export interface ChildEmulator {
  url: string;
  close(): Promise<void>;
}

const cli = join(__dirname, '..', '..', 'packages', 'testing', 'src', 'cli.ts');

export async function startChildEmulator(
  flavor: EmulatorFlavor,
  leaseTtlMs: number,
): Promise<ChildEmulator> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--flavor', flavor, '--lease-ttl-ms', String(leaseTtlMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));

  // The CLI prints the node's URL once it listens.
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', code => reject(new Error(`the emulator exited with code ${code}`)));
  });
  lines.close();

  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
