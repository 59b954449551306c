/** The label value that stands for every value beyond a label's bound. */
export const OTHER_LABEL = 'other';

/**
 * Keeps one label's values bounded: a value from the fixed set passes as it is, anything else
 * becomes `other`. Prometheus keeps one series per label value, so an unbounded label would
 * grow memory on both ends for as long as the process runs.
 */
export class FixedLabel {
  readonly #allowed: ReadonlySet<string>;

  constructor(allowed: Iterable<string>) {
    this.#allowed = new Set(allowed);
  }

  value(raw: unknown): string {
    return typeof raw === 'string' && this.#allowed.has(raw) ? raw : OTHER_LABEL;
  }
}

/**
 * Keeps an open-ended label (service ids, error codes) bounded: the first `limit` distinct values
 * pass as they are, later ones become `other`. `onLimit` is called once, the first time a value
 * is folded into `other`.
 */
export class CappedLabel {
  readonly #limit: number;
  readonly #seen = new Set<string>();
  readonly #normalise: (raw: string) => string;
  #onLimit: (() => void) | undefined;

  constructor(
    limit: number,
    options: { normalise?: (raw: string) => string; onLimit?: () => void },
  ) {
    this.#limit = limit;
    this.#normalise = options.normalise ?? (raw => raw);
    this.#onLimit = options.onLimit;
  }

  value(raw: string): string {
    const value = this.#normalise(raw);
    if (this.#seen.has(value)) return value;

    if (this.#seen.size < this.#limit) {
      this.#seen.add(value);
      return value;
    }

    const onLimit = this.#onLimit;
    this.#onLimit = undefined;
    onLimit?.();
    return OTHER_LABEL;
  }
}
