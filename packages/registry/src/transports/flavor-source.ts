import type { Flavor } from '@artemis/protocol';

/** A flavour known up front, or found out lazily (for example by probing the server once). */
export type FlavorSource = Flavor | (() => Promise<Flavor>);

/** Resolves a {@link FlavorSource} once and remembers it; a failed detection is tried again. */
export class FlavorResolver {
  readonly #source: FlavorSource;
  #pending: Promise<Flavor> | undefined;

  constructor(source: FlavorSource) {
    this.#source = source;
  }

  resolve(): Promise<Flavor> {
    if (typeof this.#source === 'string') return Promise.resolve(this.#source);

    this.#pending ??= this.#source().catch(error => {
      this.#pending = undefined;
      throw error;
    });
    return this.#pending;
  }
}
