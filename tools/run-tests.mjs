// `npm test`: format, lint, typecheck, build and test every package through Nx (cached), then the
// workspace checks that span packages, then one summary line of every Jest result.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'tmp', 'jest-results');

function run(command, args) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  execFileSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
  });
}

function summarize() {
  if (!existsSync(resultsDir)) return { passed: 0, failed: 0, suites: 0 };
  let passed = 0;
  let failed = 0;
  let suites = 0;
  for (const file of readdirSync(resultsDir)) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    suites += result.numTotalTestSuites;
  }
  return { passed, failed, suites };
}

let status = 0;
try {
  run('npx', ['prettier', '--check', '.']);
  run('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', 'build', '--outputStyle=stream']);
  run('node', ['tools/check-deps.mjs']);
  run('node', ['tools/check-packaging.mjs']);
  rmSync(resultsDir, { recursive: true, force: true });
  run('npx', ['nx', 'run-many', '-t', 'test', '--outputStyle=stream']);
} catch {
  status = 1;
}

const { passed, failed, suites } = summarize();
console.log(`\n${suites} test suites`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
