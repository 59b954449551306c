// Checks that every package declares exactly what its code imports: each bare import in library
// code is a dependency (or peer dependency), each dependency is imported somewhere, and tests
// import only what the package declares, devDependencies included.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const builtins = new Set(builtinModules);
const importPattern =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function listTsFiles(dir) {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : listTsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function packageNameOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier))
    return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function importsOf(files) {
  const found = new Map();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const name = packageNameOf(match[1] ?? match[2] ?? match[3]);
      if (name && !found.has(name)) found.set(name, relative(root, file));
    }
  }
  return found;
}

const problems = [];
for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const devDeclared = new Set(Object.keys(manifest.devDependencies ?? {}));
  const files = [join(dir, 'src'), join(dir, 'test')].flatMap(d => {
    try {
      return listTsFiles(d);
    } catch {
      return [];
    }
  });
  const isTestFile = file =>
    file.endsWith('.spec.ts') || file.includes('/test/') || file.includes('/test-support/');
  const libraryImports = importsOf(files.filter(f => !isTestFile(f)));
  const testImports = importsOf(files.filter(isTestFile));

  for (const [dep, file] of libraryImports) {
    if (!declared.has(dep))
      problems.push(`${manifest.name}: ${file} imports "${dep}", which is not a dependency`);
  }
  for (const dep of declared) {
    if (!libraryImports.has(dep))
      problems.push(`${manifest.name}: declares "${dep}" but its code never imports it`);
  }
  for (const [dep, file] of testImports) {
    // A package's tests may import it by its own name, as its users do.
    const isSelf = dep === manifest.name;
    if (dep.startsWith('@artemis/') && !isSelf && !declared.has(dep) && !devDeclared.has(dep)) {
      problems.push(
        `${manifest.name}: ${file} imports "${dep}", which is not a dependency or devDependency`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`Dependency check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Dependency check: every package declares exactly what it imports.');
