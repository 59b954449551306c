import { channel } from 'node:diagnostics_channel';
import type { Channel } from 'node:diagnostics_channel';

/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** What happens to an error thrown by a listener: it is handed here, never rethrown. */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

type Listener<T> = (payload: T) => void;

/** Options of a {@link TypedEvents} hub. */
export interface TypedEventsOptions {
  /**
   * Also publish every event on the `node:diagnostics_channel` channel
   * `artemis:<diagnostics>:<event>`, for tools that observe a process without a reference to
   * the emitter (tracing, APM). Publishing costs nothing while no one subscribes.
   */
  diagnostics?: string;
}

/**
 * A small typed event hub. `on` returns an unsubscribe function; `emit` calls every listener in
 * order, and a listener that throws is reported to `onListenerError` while the others still run,
 * so no application callback can stop a heartbeat or a socket.
 */
export class TypedEvents<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();
  readonly #onListenerError: ListenerErrorHandler;
  readonly #diagnostics: string | undefined;
  readonly #channels = new Map<keyof Events, Channel>();

  constructor(
    onListenerError: ListenerErrorHandler = () => undefined,
    options: TypedEventsOptions = {},
  ) {
    this.#onListenerError = onListenerError;
    this.#diagnostics = options.diagnostics;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    let listeners = this.#listeners.get(event);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(event, listeners);
    }
    const entry = listener as Listener<never>;
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
      if (listeners.size === 0 && this.#listeners.get(event) === listeners) {
        this.#listeners.delete(event);
      }
    };
  }

  /** Like `on`, but the listener runs at most once. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    const unsubscribe = this.on(event, payload => {
      unsubscribe();
      listener(payload);
    });
    return unsubscribe;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const listeners = this.#listeners.get(event);
    if (listeners) {
      for (const listener of [...listeners]) {
        try {
          (listener as Listener<Events[K]>)(payload);
        } catch (error) {
          this.#reportListenerError(error, String(event));
        }
      }
    }

    // Node reports what a channel subscriber throws itself, as an uncaught exception.
    const diagnostics = this.#channelOf(event);
    if (diagnostics?.hasSubscribers) diagnostics.publish(payload);
  }

  /**
   * True when anyone would see `event`: a listener, or a diagnostics channel subscriber. Lets
   * an emitter skip building a payload nobody reads.
   */
  isObserved(event: keyof Events): boolean {
    return this.#listeners.has(event) || this.#channelOf(event)?.hasSubscribers === true;
  }

  /** How many listeners are attached, for one event or for all of them. */
  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.#listeners.get(event)?.size ?? 0;
    let total = 0;
    for (const listeners of this.#listeners.values()) total += listeners.size;
    return total;
  }

  removeAllListeners(): void {
    this.#listeners.clear();
  }

  #channelOf(event: keyof Events): Channel | undefined {
    if (this.#diagnostics === undefined) return undefined;

    let found = this.#channels.get(event);
    if (!found) {
      found = channel(`artemis:${this.#diagnostics}:${String(event)}`);
      this.#channels.set(event, found);
    }
    return found;
  }

  #reportListenerError(error: unknown, event: string): void {
    try {
      this.#onListenerError(error, event);
    } catch {
      // The error handler itself failed; there is nowhere left to report it.
    }
  }
}
