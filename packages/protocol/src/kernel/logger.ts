/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * One log method as pino and `console` both shape it: called with a message alone, or with
 * structured fields first and the message second.
 */
export type LogMethod = (fieldsOrMessage: LogFields | string, message?: string) => void;

/**
 * The logger an application hands to the SDK. A pino logger and `console` both fit as they are.
 * The SDK is silent unless one is given.
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/**
 * The logger the SDK's own code writes to: message first, fields optional. It never throws,
 * whatever the application's logger does.
 */
export interface SdkLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ignore = (): void => undefined;

/** The default: drops everything. */
export const silentLogger: SdkLogger & Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});

/**
 * Adapts an application's logger for the SDK's use, with a `component` field on every line. A
 * logger that throws can never break the SDK's loops.
 */
export function toSdkLogger(logger: Logger | undefined, component?: string): SdkLogger {
  if (!logger || logger === silentLogger) return silentLogger;

  const method =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      const allFields = component ? { component, ...fields } : fields;
      try {
        if (allFields) logger[level](allFields, message);
        else logger[level](message);
      } catch {
        // A broken logger must not take a heartbeat or a socket down with it.
      }
    };
  return {
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
  };
}
