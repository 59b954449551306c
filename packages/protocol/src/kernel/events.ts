/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** What happens to an error thrown by a listener: it is handed here, never rethrown. */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

type Listener<T> = (payload: T) => void;

/**
 * A small typed event hub. `on` returns an unsubscribe function; `emit` calls every listener in
 * order, and a listener that throws is reported to `onListenerError` while the others still run,
 * so no application callback can stop a heartbeat or a socket.
 */
export class TypedEvents<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();
  readonly #onListenerError: ListenerErrorHandler;

  constructor(onListenerError: ListenerErrorHandler = () => undefined) {
    this.#onListenerError = onListenerError;
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
    if (!listeners) return;

    for (const listener of [...listeners]) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        this.#reportListenerError(error, String(event));
      }
    }
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

  #reportListenerError(error: unknown, event: string): void {
    try {
      this.#onListenerError(error, event);
    } catch {
      // The error handler itself failed; there is nowhere left to report it.
    }
  }
}
