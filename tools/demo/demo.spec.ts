import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Printer } from './printer';
import { runDemo } from './scenario';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

describe.each(['java', 'rust'] as const)('the demo on the %s emulator', flavor => {
  it('registers, discovers, sees an instance go down and come back, and cleans up', async () => {
    const printed: string[] = [];
    const report = await runDemo({
      printer: new Printer(line => printed.push(line)),
      emulatorFlavor: flavor,
      metricsPort: 0,
      stopped: Promise.resolve(),
      paceMs: 0,
    });

    expect(report.flavor).toBe(flavor);
    const shop2 = report.changes.filter(change => change.instance?.instanceId === 'shop-2');
    expect(shop2.map(change => change.changeType)).toEqual(['delete', 'new']);
    expect(report.finalInstances).toEqual(['shop-1', 'shop-2', 'shop-3']);
    expect(report.metricsText).toMatch(/^artemis_client_registrations_total \d+/m);
    expect(printed.join('\n')).toContain('shop-2 goes from up to down at this heartbeat');
    expect(printed.join('\n')).toContain('shop-2 goes from down to up at this heartbeat');
    expect(printed.join('\n')).toContain('Client closed');
  });
});

describe('npm start', () => {
  it('runs the demo end to end and exits cleanly', async () => {
    const { stdout } = await run('npx', ['tsx', 'tools/demo/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DEMO_RUN_SECONDS: '1',
        DEMO_PACE_MS: '0',
        DEMO_METRICS_PORT: '0',
        NO_COLOR: '1',
      },
      timeout: 60_000,
    });

    expect(stdout).toContain('The server speaks the java protocol');
    expect(stdout).toContain('delete shop-2');
    expect(stdout).toContain('new    shop-2');
    expect(stdout).toMatch(/Metrics are served at http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(stdout).toContain('Bye');
  }, 90_000);
});
