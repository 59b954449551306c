// `npm run bench`: every benchmark against the emulator on loopback, one table of results, and
// the same table written to BENCHMARKS.md. These machines are shared and noisy, so each benchmark
// measures the SDK next to a baseline in the same run and reports the ratio.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './result';
import { benchHttpOverhead } from './http-overhead';
import { benchRegistry } from './registry';
import { benchDiscovery } from './discovery';
import { benchRestartHerd } from './restart-herd';

interface Suite {
  title: string;
  run: () => Promise<BenchResult[]>;
}

const suites: Suite[] = [
  { title: 'HTTP overhead', run: benchHttpOverhead },
  { title: 'Registry', run: benchRegistry },
  { title: 'Discovery', run: benchDiscovery },
  { title: 'Re-registration after a restart', run: benchRestartHerd },
];

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 3 : 1 });
}

function toMarkdown(sections: Array<{ title: string; results: BenchResult[] }>): string {
  const lines: string[] = [];
  for (const { title, results } of sections) {
    lines.push(
      `### ${title}`,
      '',
      '| measure | value | unit | note |',
      '| --- | ---: | --- | --- |',
    );
    for (const result of results) {
      lines.push(
        `| ${result.name} | ${formatValue(result.value)} | ${result.unit} | ${result.note ?? ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: Array<{ title: string; results: BenchResult[] }> = [];

  for (const suite of suites) {
    if (only.length > 0 && !only.some(word => suite.title.toLowerCase().includes(word))) continue;
    process.stdout.write(`Running: ${suite.title} ...\n`);
    const results = await suite.run();
    sections.push({ title: suite.title, results });
    console.table(
      results.map(r => ({
        measure: r.name,
        value: formatValue(r.value),
        unit: r.unit,
        note: r.note ?? '',
      })),
    );
  }

  const header = [
    '# Benchmarks',
    '',
    'Produced by `npm run bench` (all suites; `npm run bench -- registry` runs one), against the',
    'emulator on loopback: in its own process where the SDK is compared with raw undici, in the',
    'same process elsewhere. Absolute numbers depend on the machine; the ratios, measured side by',
    'side in the same run, are the ones to compare.',
    '',
    `Latest run: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
    '',
  ].join('\n');

  if (only.length === 0) {
    writeFileSync(
      join(__dirname, '..', '..', 'BENCHMARKS.md'),
      `${header}\n${toMarkdown(sections)}`,
    );
    process.stdout.write('Results written to BENCHMARKS.md\n');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
