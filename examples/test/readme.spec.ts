// The root README lists every error code, every option with its default and every example; these
// checks fail when a package adds one the README does not mention, so the README cannot rot.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { CONFIG_DEFAULTS } from '@artemis/config';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every code passed to an error's base constructor, with the package that defines it. */
function errorCodes(): Array<{ code: string; pkg: string }> {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir).flatMap(pkg =>
    sourceFiles(join(packagesDir, pkg, 'src')).flatMap(file =>
      [...readFileSync(file, 'utf8').matchAll(/super\(\s*'([A-Z][A-Z_]+)'/g)].map(match => ({
        code: match[1] ?? '',
        pkg,
      })),
    ),
  );
}

function readmeRow(firstCell: string): string | undefined {
  return readme.split('\n').find(line => line.startsWith(`| \`${firstCell}\``));
}

describe('the root README', () => {
  it('lists every error code with its package', () => {
    const codes = errorCodes();

    expect(codes.length).toBeGreaterThan(25);
    for (const { code, pkg } of codes) {
      const row = readmeRow(code);
      expect({ code, row }).toEqual({ code, row: expect.stringContaining(`| ${pkg} `) });
    }
  });

  it('lists every option with its default', () => {
    for (const [option, value] of Object.entries(CONFIG_DEFAULTS)) {
      const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
      const row = readmeRow(option);
      expect({ option, row }).toEqual({ option, row: expect.stringContaining(shown) });
    }
  });

  it('links every example', () => {
    const examples = readdirSync(join(root, 'examples')).filter(file => file.endsWith('.ts'));

    expect(examples.length).toBeGreaterThan(5);
    for (const file of examples) expect(readme).toContain(`(examples/${file})`);
  });
});
