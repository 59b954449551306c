export {
  ArtemisAbortError,
  ArtemisError,
  ClientClosedError,
  hasErrorCode,
  isArtemisError,
} from './errors.js';
export type { ArtemisErrorOptions } from './errors.js';
export { silentLogger, toSdkLogger } from './logger.js';
export type { LogFields, LogMethod, Logger, SdkLogger } from './logger.js';
export { TypedEvents } from './events.js';
export type { ListenerErrorHandler, TypedEventsOptions, Unsubscribe } from './events.js';
export { deriveSignal, onAbort, pause, sleep, throwIfAborted, TimeoutReason } from './abort.js';
export { systemClock, systemRandom } from './clock.js';
export type { Clock, RandomSource, TimerHandle } from './clock.js';
