// Packs every package as npm would publish it, then proves each tarball is usable: publint and
// "are the types wrong" check the manifest and the type resolution under every module setting,
// and scratch ES-module and CommonJS projects import each package and compare what they see.
// On every Node.js line checked, the packed client then talks to the packed emulator.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extraNodes } from './extra-nodes.mjs';

const root = new URL('..', import.meta.url).pathname;
const scratch = join(root, 'tmp', 'packaging-check');
const tarballs = join(scratch, 'tarballs');
const modules = join(scratch, 'node_modules', '@artemis');
const bin = name => join(root, 'node_modules', '.bin', name);

rmSync(scratch, { recursive: true, force: true });
mkdirSync(tarballs, { recursive: true });
mkdirSync(modules, { recursive: true });

const packageNames = readdirSync(join(root, 'packages'));
for (const name of packageNames) {
  const packageDir = join(root, 'packages', name);
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const tarball = join(tarballs, JSON.parse(output)[0].filename);

  execFileSync(bin('publint'), ['run', tarball, '--strict'], { stdio: 'inherit' });
  execFileSync(bin('attw'), [tarball, '--format', 'table-flipped'], { stdio: 'inherit' });

  const target = join(modules, name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

// Both scratch projects list each package's exports; they must see the same, non-empty names.
const list = JSON.stringify(packageNames.map(name => `@artemis/${name}`));
writeFileSync(
  join(scratch, 'smoke.mjs'),
  `const out = {};\nfor (const name of ${list}) out[name] = Object.keys(await import(name)).filter(k => k !== 'default' && k !== 'module.exports').sort();\nconsole.log(JSON.stringify(out));\n`,
);
writeFileSync(
  join(scratch, 'smoke.cjs'),
  `const out = {};\nfor (const name of ${list}) out[name] = Object.keys(require(name)).sort();\nconsole.log(JSON.stringify(out));\n`,
);

copyFileSync(join(root, 'tools', 'packaging', 'e2e-smoke.mjs'), join(scratch, 'e2e-smoke.mjs'));
const expectedE2e = JSON.stringify({
  java: { detected: 'java', instances: ['smoke-1'] },
  rust: { detected: 'rust', instances: ['smoke-1'] },
});

const problems = [];
const runtimes = [
  { label: `Node ${process.versions.node}`, binary: process.execPath },
  ...extraNodes(),
];
for (const { label, binary } of runtimes) {
  const esm = JSON.parse(execFileSync(binary, ['smoke.mjs'], { cwd: scratch, encoding: 'utf8' }));
  const cjs = JSON.parse(execFileSync(binary, ['smoke.cjs'], { cwd: scratch, encoding: 'utf8' }));
  for (const name of Object.keys(esm)) {
    if (esm[name].length === 0) problems.push(`${label}: ${name} exports nothing`);
    if (JSON.stringify(esm[name]) !== JSON.stringify(cjs[name])) {
      problems.push(`${label}: ${name}: ESM and CommonJS exports differ`);
    }
  }
  // And the packed client works end to end over loopback against both emulated servers.
  const e2e = execFileSync(binary, ['e2e-smoke.mjs'], { cwd: scratch, encoding: 'utf8' }).trim();
  if (e2e !== expectedE2e) problems.push(`${label}: end-to-end smoke saw ${e2e}`);
}
if (problems.length > 0) {
  console.error(`Packaging check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const checked = runtimes.map(r => r.label).join(', ');
console.log(
  `Packaging check: ${packageNames.length} packages import from ESM and CommonJS, and the client registers and discovers on both servers, on ${checked}.`,
);
