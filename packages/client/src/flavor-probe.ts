import type { FlavorSetting } from '@artemis/config';
import type { Flavor } from '@artemis/protocol';

import type { DetectedFlavor } from './detect-flavor.js';

/**
 * The server flavour of one cluster, found once. A configured flavour is known from the start; with
 * `'auto'` the first caller starts a probe that every other caller shares, and a probe that fails
 * is started again by the next caller, so a cluster that is down at start-up is detected later.
 */
export class FlavorProbe {
  readonly #detect: () => Promise<DetectedFlavor>;
  readonly #onResolved: (flavor: Flavor, detected: DetectedFlavor | undefined) => void;
  #known: Flavor | undefined;
  #pending: Promise<Flavor> | undefined;

  constructor(
    setting: FlavorSetting,
    detect: () => Promise<DetectedFlavor>,
    onResolved: (flavor: Flavor, detected: DetectedFlavor | undefined) => void,
  ) {
    this.#detect = detect;
    this.#onResolved = onResolved;
    if (setting !== 'auto') this.#known = setting;
  }

  /** The flavour, once configured or detected. */
  get known(): Flavor | undefined {
    return this.#known;
  }

  /** The flavour, probing the cluster first if it is not known yet. */
  resolve(): Promise<Flavor> {
    if (this.#known) return Promise.resolve(this.#known);

    this.#pending ??= this.#detect().then(
      detected => {
        this.#known = detected.flavor;
        this.#onResolved(detected.flavor, detected);
        return detected.flavor;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    return this.#pending;
  }
}
