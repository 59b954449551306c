const ARTEMIS_ERROR = Symbol.for('@artemis/error');

/** Options every Artemis error accepts: the underlying failure, kept as `cause`. */
export interface ArtemisErrorOptions {
  cause?: unknown;
}

/**
 * The base of every error the SDK throws. Each subclass has a stable, SCREAMING_SNAKE `code` that
 * callers and tests compare against; messages are for people and may change.
 *
 * `instanceof ArtemisError` keeps working when two copies of the SDK are installed side by side,
 * because the check looks for a brand registered with `Symbol.for` instead of the prototype chain.
 */
export class ArtemisError extends Error {
  override readonly name: string = 'ArtemisError';
  readonly code: string;

  constructor(code: string, message: string, options: ArtemisErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    Object.defineProperty(this, ARTEMIS_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === ArtemisError) return isArtemisError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** True for any error thrown by any installed copy of the SDK. */
export function isArtemisError(value: unknown): value is ArtemisError {
  return typeof value === 'object' && value !== null && ARTEMIS_ERROR in value;
}

/** True when `value` is an Artemis error with the given stable code. */
export function hasErrorCode(value: unknown, code: string): value is ArtemisError {
  return isArtemisError(value) && value.code === code;
}

/** An operation was cancelled through its `AbortSignal`; `cause` is the signal's reason. */
export class ArtemisAbortError extends ArtemisError {
  override readonly name = 'ArtemisAbortError';

  constructor(reason?: unknown) {
    super('ARTEMIS_ABORTED', 'The operation was aborted', { cause: reason });
  }
}

/** A call was made on a component that has been closed. */
export class ClientClosedError extends ArtemisError {
  override readonly name = 'ClientClosedError';

  constructor(what = 'client') {
    super('ARTEMIS_CLIENT_CLOSED', `The Artemis ${what} is closed`);
  }
}
