// Builds the package in the current directory twice, as ES modules and as CommonJS, each with its
// own type declarations, and marks each output folder with its module format so Node and
// TypeScript read the right one for `import` and for `require`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const packageDir = process.cwd();
const dist = join(packageDir, 'dist');

rmSync(dist, { recursive: true, force: true });

const formats = [
  { folder: 'esm', type: 'module', args: ['--module', 'ES2022', '--moduleResolution', 'Bundler'] },
  {
    folder: 'cjs',
    type: 'commonjs',
    args: ['--module', 'CommonJS', '--moduleResolution', 'Node10'],
  },
];

for (const format of formats) {
  const outDir = join(dist, format.folder);
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.lib.json', '--outDir', outDir, ...format.args],
    {
      stdio: 'inherit',
      cwd: packageDir,
    },
  );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify({ type: format.type }, null, 2) + '\n',
  );
}
