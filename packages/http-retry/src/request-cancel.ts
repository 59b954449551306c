import { EventEmitter } from 'node:events';

import { onAbort } from '@artemis/protocol';

/**
 * What undici is given to cancel one request when the caller's signal fires. undici accepts an
 * EventEmitter with `aborted` and `reason` in place of an AbortSignal; a fresh AbortSignal with a
 * listener per request costs several microseconds and keeps the garbage collector busy, while
 * this costs next to nothing, and the caller's signal keeps one listener however many requests
 * share it.
 */
export class RequestCancel extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  readonly #stopFollowing: () => void;

  private constructor(parent: AbortSignal) {
    super();
    this.#stopFollowing = onAbort(parent, () => {
      this.aborted = true;
      this.reason = parent.reason;
      this.emit('abort');
    });
  }

  /** A canceller that follows `parent`, or undefined when there is nothing to follow. */
  static follow(parent: AbortSignal | undefined): RequestCancel | AbortSignal | undefined {
    if (!parent || parent.aborted) return parent;
    return new RequestCancel(parent);
  }

  /** Stops following the caller's signal once the request is over. */
  static release(cancel: RequestCancel | AbortSignal | undefined): void {
    if (cancel instanceof RequestCancel) cancel.#stopFollowing();
  }
}
