import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError, parseCliArgs } from '../src/cli-options.js';
import { get, javaInstance, post } from './helpers.js';

const packageDir = join(__dirname, '..');

interface RunningCli {
  child: ChildProcess;
  urls: string[];
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs the CLI from its TypeScript source (no build needed) and waits for `lines` URLs. */
async function runCli(args: string[], lines = 1): Promise<RunningCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>(resolve =>
    child.on('exit', code => resolve({ code, stdout, stderr })),
  );

  const deadline = Date.now() + 20_000;
  let urls: string[] = [];
  while (urls.length < lines) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the CLI printed no URL; stderr: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 20));
    urls = stdout.split('\n').filter(line => line.startsWith('http'));
  }
  return { child, urls, exited };
}

/** Runs the CLI to its end and returns how it ended. */
function runCliToEnd(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(resolve =>
    child.on('exit', code => resolve({ code, stdout, stderr })),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

describe('artemis-emulator command', () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  const start = async (args: string[], lines = 1) => {
    const cli = await runCli(args, lines);
    running.push(cli.child);
    return cli;
  };

  it('is declared as the package bin', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'artemis-emulator': './dist/cjs/cli.js' });
    expect(readFileSync(join(packageDir, 'src/cli.ts'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it('runs the Java flavour by default, serves it, and ends cleanly on SIGTERM', async () => {
    const cli = await start([]);
    const [url] = cli.urls;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/artemis$/);

    const reply = await post(`${url}/api/registry/register.json`, { instances: [javaInstance()] });
    expect(reply.json().responseStatus.status).toBe('success');

    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('runs the Rust flavour on the port it is given', async () => {
    const port = await freePort();
    const cli = await start(['--flavor', 'rust', '--port', String(port), '--region', 'sha']);

    expect(cli.urls).toEqual([`http://127.0.0.1:${port}`]);
    expect((await get(`${cli.urls[0]}/health`)).text).toBe('OK');
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(0);
  });

  it('runs a cluster whose nodes list each other', async () => {
    const cli = await start(['--nodes', '3'], 3);

    expect(new Set(cli.urls).size).toBe(3);
    const nodes = (await get(`${cli.urls[0]}/api/cluster/up-registry-nodes.json`)).json().nodes;
    expect(nodes.map((node: { url: string }) => node.url).sort()).toEqual(
      cli.urls.map(url => `${url}/`).sort(),
    );
  });

  it('serves https with a self-signed certificate written where asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'artemis-cli-'));
    try {
      const certFile = join(dir, 'cert.pem');
      const cli = await start(['--flavor', 'rust', '--tls', '--cert-out', certFile]);
      expect(cli.urls[0]).toMatch(/^https:/);

      const ca = readFileSync(certFile, 'utf8');
      const body = await new Promise<string>((resolve, reject) => {
        request(`${cli.urls[0]}/health`, { ca }, response => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(body).toBe('OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the usage for --help and exits 2 with the reason on a bad command line', async () => {
    const help = await runCliToEnd(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: artemis-emulator/);

    const bad = await runCliToEnd(['--flavor', 'go']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--flavor must be java or rust, not go');
    expect(bad.stderr).toContain('Usage: artemis-emulator');
  });
});

describe('artemis-emulator command line parsing', () => {
  it('maps every option onto the emulator options', () => {
    const request = parseCliArgs([
      '--flavor=rust',
      '--port',
      '8080',
      '--host',
      '0.0.0.0',
      '--context-path',
      '/svc',
      '--region',
      'sha',
      '--zone',
      'sha-z1',
      '--lease-ttl-ms',
      '5000',
    ]);

    expect(request).toEqual({
      help: false,
      nodes: 1,
      tls: false,
      certOut: undefined,
      options: {
        flavor: 'rust',
        port: 8080,
        host: '0.0.0.0',
        contextPath: '/svc',
        regionId: 'sha',
        zoneId: 'sha-z1',
        leaseTtlMs: 5000,
      },
    });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--port', '1e3'], /--port must be an integer/],
    [['--nodes', '0'], /--nodes must be an integer from 1/],
    [['--nodes', '2', '--port', '9000'], /--nodes above 1 needs --port 0/],
    [['--cert-out', 'x.pem'], /--cert-out needs --tls/],
    [['--lease-ttl-ms=-1'], /--lease-ttl-ms must be an integer/],
    [['--colour'], /Unknown option '--colour'/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(CliUsageError);
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});
