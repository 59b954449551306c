import type { Flavor } from '@artemis/protocol';

/** A server flavour known up front, or found out lazily (for example by probing a node once). */
export type DiscoveryFlavorSource = Flavor | (() => Promise<Flavor>);

/** Resolves a {@link DiscoveryFlavorSource} once and remembers it; a failed probe is tried again. */
export class FlavorResolver {
  readonly #source: DiscoveryFlavorSource;
  #known: Flavor | undefined;
  #pending: Promise<Flavor> | undefined;

  constructor(source: DiscoveryFlavorSource) {
    this.#source = source;
    if (typeof source === 'string') this.#known = source;
  }

  /** The flavour, once known. */
  get known(): Flavor | undefined {
    return this.#known;
  }

  resolve(): Promise<Flavor> {
    if (this.#known) return Promise.resolve(this.#known);

    const probe = this.#source as () => Promise<Flavor>;
    this.#pending ??= probe().then(
      flavor => {
        this.#known = flavor;
        return flavor;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    return this.#pending;
  }
}

/**
 * One flavour source that several parts can share: a lazy detection runs once for all of them
 * (and again only after it failed).
 */
export function shareFlavor(source: DiscoveryFlavorSource): DiscoveryFlavorSource {
  if (typeof source === 'string') return source;

  const resolver = new FlavorResolver(source);
  return () => resolver.resolve();
}
