import { performance } from 'node:perf_hooks';

import { toSdkLogger, TypedEvents } from '@artemis/protocol';
import type { Instance, Logger, SdkLogger } from '@artemis/protocol';

import { FilterFailedError, InvalidFilterError } from './errors.js';
import type { InstanceFilter, NamedFilter } from './instance-filter.js';

/** Payload of the chain's `filter-error` event. */
export interface FilterErrorEvent {
  name: string;
  /** A `FilterFailedError` whose `cause` is what the filter threw. */
  error: FilterFailedError;
}

/** Payload of the chain's `filter-timing` event. */
export interface FilterTimingEvent {
  name: string;
  /** Wall time the filter took, in milliseconds. */
  durationMs: number;
}

/** Events a {@link FilterChain} emits. */
export interface FilterChainEvents {
  'filter-error': FilterErrorEvent;
  'filter-timing': FilterTimingEvent;
}

/** Options of a {@link FilterChain}. */
export interface FilterChainOptions {
  /** Where a failing filter is reported (at warn level). @default silent */
  logger?: Logger;
  /** Called for each filter that throws, besides the `filter-error` event. @default none */
  onFilterError?: (event: FilterErrorEvent) => void;
  /** Called with each filter's run time, besides the `filter-timing` event. @default none */
  onFilterTiming?: (event: FilterTimingEvent) => void;
}

/** A filter as a chain accepts it: a function (its `name` is used) or a named filter. */
export type FilterInput<T extends Instance = Instance> = InstanceFilter<T> | NamedFilter<T>;

/**
 * Runs filters in order. A filter that throws (or returns something other than an array) is
 * isolated: it is reported, and the chain goes on with the list as it was before that filter.
 * Each filter's time is measured and reported.
 */
export class FilterChain<T extends Instance = Instance> {
  readonly events: TypedEvents<FilterChainEvents>;
  readonly #filters: ReadonlyArray<NamedFilter<T>>;
  readonly #logger: SdkLogger;
  readonly #options: FilterChainOptions;

  constructor(filters: ReadonlyArray<FilterInput<T>> = [], options: FilterChainOptions = {}) {
    this.#filters = filters.map(toNamedFilter);
    this.#logger = toSdkLogger(options.logger, 'filters');
    this.#options = options;
    this.events = new TypedEvents<FilterChainEvents>(
      (error, event) => this.#logger.warn('A filter chain listener threw', { event, error }),
      { diagnostics: 'filters' },
    );
  }

  /** The names of the filters, in the order they run. */
  get names(): string[] {
    return this.#filters.map(entry => entry.name);
  }

  /** How many filters the chain runs. */
  get size(): number {
    return this.#filters.length;
  }

  /** Runs every filter in order and returns what is left; the input list is never changed. */
  apply(instances: readonly T[]): T[] {
    let current = [...instances];

    for (const { name, filter } of this.#filters) {
      const started = performance.now();
      try {
        const result = filter([...current]);
        if (!Array.isArray(result)) {
          throw new FilterFailedError(name, result, `Filter "${name}" did not return an array`);
        }
        current = result;
      } catch (thrown) {
        this.#reportError(name, thrown);
      } finally {
        this.#reportTiming(name, performance.now() - started);
      }
    }

    return current;
  }

  #reportError(name: string, thrown: unknown): void {
    const error =
      thrown instanceof FilterFailedError ? thrown : new FilterFailedError(name, thrown);
    this.#logger.warn('Instance filter failed; it was skipped', { filter: name, error: thrown });
    const event = { name, error };
    this.events.emit('filter-error', event);
    this.#callSafely(() => this.#options.onFilterError?.(event));
  }

  #reportTiming(name: string, durationMs: number): void {
    const event = { name, durationMs };
    this.events.emit('filter-timing', event);
    this.#callSafely(() => this.#options.onFilterTiming?.(event));
  }

  #callSafely(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.#logger.warn('A filter chain callback threw', { error });
    }
  }
}

function toNamedFilter<T extends Instance>(input: FilterInput<T>, index: number): NamedFilter<T> {
  if (typeof input === 'function') {
    return { name: input.name || `filter-${index}`, filter: input };
  }
  if (input && typeof input === 'object' && typeof input.filter === 'function') {
    return { name: input.name || input.filter.name || `filter-${index}`, filter: input.filter };
  }
  throw new InvalidFilterError(index);
}
