/**
 * A small seeded pseudo-random generator (mulberry32), so that every fuzz run can be replayed
 * exactly from the seed it prints. Not for anything but tests.
 */
export class Prng {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/**
 * The seed of this run: `ARTEMIS_FUZZ_SEED` when set (to replay a failure), else a fixed one, so
 * the suite is deterministic by default.
 */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env['ARTEMIS_FUZZ_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 0x5eed_2026;
}
