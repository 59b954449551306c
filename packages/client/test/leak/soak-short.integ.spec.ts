import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface SoakRun {
  code: number;
  output: string;
}

/**
 * Runs `npm run soak` (tools/soak/main.ts) for a few seconds in its own process: the same
 * workload, sampling and verdict as the long soak, so the two cannot drift apart. Its own process
 * also means a clean heap and handle count, free of whatever other tests left behind.
 */
function runShortSoak(): Promise<SoakRun> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      // The workspace's tsx, as `npm run soak` uses it.
      [require.resolve('tsx/cli', { paths: [ROOT] }), join('tools', 'soak', 'main.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, SOAK_MINUTES: '0.15', SOAK_SAMPLE_SECONDS: '3' },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The cycle counts of the last sample line. */
function cyclesOf(output: string): Record<string, number> {
  const last = [...output.matchAll(/cycles: (\d+) subscribe, (\d+) register, (\d+) reconnect/g)].at(
    -1,
  );
  return {
    subscribe: Number(last?.[1] ?? 0),
    register: Number(last?.[2] ?? 0),
    reconnect: Number(last?.[3] ?? 0),
  };
}

describe('a short soak of a Java and a Rust client', () => {
  it('leaves heap, handles, listeners, watchers and connections flat over thousands of cycles', async () => {
    const run = await runShortSoak();

    expect({ code: run.code, output: run.output }).toEqual({
      code: 0,
      output: expect.stringContaining('OK:'),
    });
    const cycles = cyclesOf(run.output);
    expect(cycles.subscribe).toBeGreaterThanOrEqual(2_000);
    expect(cycles.register).toBeGreaterThanOrEqual(500);
    expect(cycles.reconnect).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
