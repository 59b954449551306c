// Output of the demo: one line per thing that happened, with the time since start, a coloured
// marker when the terminal supports it, and plain text otherwise (pipes, CI logs, tests).

const useColour = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;

const paint = (code: number) => (text: string) =>
  useColour ? `\u001b[${code}m${text}\u001b[0m` : text;

export const colour = {
  dim: paint(2),
  bold: paint(1),
  green: paint(32),
  red: paint(31),
  yellow: paint(33),
  cyan: paint(36),
};

export type Tone = 'info' | 'good' | 'bad' | 'warn';

const markers: Record<Tone, string> = {
  info: colour.cyan('•'),
  good: colour.green('✔'),
  bad: colour.red('✖'),
  warn: colour.yellow('!'),
};

/** Writes demo lines, stamped with the seconds since the printer was made. */
export class Printer {
  readonly #started = Date.now();
  readonly #write: (line: string) => void;
  readonly lines: string[] = [];

  constructor(write: (line: string) => void = line => process.stdout.write(`${line}\n`)) {
    this.#write = write;
  }

  line(tone: Tone, text: string): void {
    const seconds = ((Date.now() - this.#started) / 1000).toFixed(1).padStart(5);
    this.lines.push(text);
    this.#write(`${colour.dim(`${seconds}s`)} ${markers[tone]} ${text}`);
  }

  heading(text: string): void {
    this.lines.push(text);
    this.#write(`\n${colour.bold(text)}`);
  }

  table(rows: ReadonlyArray<Record<string, string>>): void {
    const first = rows[0];
    if (!first) {
      this.#write(colour.dim('        (none)'));
      return;
    }
    const columns = Object.keys(first);
    const widths = columns.map(column =>
      Math.max(column.length, ...rows.map(row => (row[column] ?? '').length)),
    );
    const render = (cells: string[]) =>
      `        ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`;
    this.#write(colour.dim(render(columns)));
    for (const row of rows) this.#write(render(columns.map(column => row[column] ?? '')));
  }
}
