import { ClientClosedError } from '@artemis/protocol';
import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';

import { ConfigError } from './config-error.js';
import { configsEqual } from './configs-equal.js';
import type { ArtemisConfig, ArtemisOptions } from './options.js';
import type { ArtemisEnv } from './resolve-config.js';
import { optionsBehind, resolveConfig } from './resolve-config.js';

/**
 * Holds the current config and lets tunables change at run time. Each update is validated as a
 * whole before it applies, so readers only ever see complete, valid configs.
 */
export class ConfigStore {
  #options: ArtemisOptions;
  #current: ArtemisConfig;
  #closed = false;
  readonly #changes = new Subject<ArtemisConfig>();

  /**
   * Each new config, after it has become `current`. No replay: a subscriber gets the configs
   * applied after it subscribed and reads `current` for the present one. An update that changes
   * nothing emits nothing. Completes on `close()`.
   */
  readonly changes$: Observable<ArtemisConfig> = this.#changes.asObservable();

  /**
   * @param initial A config from `resolveConfig`, or options to resolve now.
   * @param env Read only when `initial` is options; later updates never read it again.
   * @throws ConfigError when `initial` is options that do not validate.
   */
  constructor(initial: ArtemisConfig | ArtemisOptions, env: ArtemisEnv = process.env) {
    const known = optionsBehind(initial as ArtemisConfig);
    this.#current =
      known === undefined
        ? resolveConfig(initial as ArtemisOptions, env)
        : (initial as ArtemisConfig);
    this.#options = optionsBehind(this.#current) ?? {};
  }

  /** The config in force now: frozen, fully defaulted. Still readable after `close()`. */
  get current(): ArtemisConfig {
    return this.#current;
  }

  /**
   * Merges `partial` over the options in force and applies the result if it validates. Fields
   * set to `undefined` are left as they are; `headers`, `serverUrls` and `tls` are replaced whole.
   *
   * @returns The config in force afterwards.
   * @throws ConfigError when the merged options do not validate; the current config stays.
   * @throws ClientClosedError after `close()`.
   */
  update(partial: ArtemisOptions): ArtemisConfig {
    if (this.#closed) throw new ClientClosedError('config store');

    const merged = { ...this.#options, ...definedEntries(partial) };
    const next = resolveConfig(merged, {});
    this.#options = optionsBehind(next) ?? merged;
    if (configsEqual(next, this.#current)) return this.#current;

    this.#current = next;
    this.#changes.next(next);
    return next;
  }

  /** Completes `changes$`; later updates throw. Safe to call more than once. */
  close(): void {
    if (this.#closed) return;

    this.#closed = true;
    this.#changes.complete();
  }
}

function definedEntries(partial: ArtemisOptions): ArtemisOptions {
  const value: unknown = partial;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ path: '(options)', message: 'options must be an object' }]);
  }
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
}
