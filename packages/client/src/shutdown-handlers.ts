import type { Logger } from '@artemis/protocol';
import { toSdkLogger } from '@artemis/protocol';

/** The part of `process` the handlers use; tests pass their own. */
export interface SignalTarget {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
  listenerCount(signal: NodeJS.Signals): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
  readonly pid: number;
}

/** Options of {@link installShutdownHandlers}. */
export interface ShutdownHandlerOptions {
  /** Signals that close the client. @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[];
  /** Told when closing fails; the process still goes on to exit. @default silent */
  logger?: Logger;
  /** @default process */
  target?: SignalTarget;
}

/**
 * Closes `client` (unregistering its instances) when the process gets SIGTERM or SIGINT, then lets
 * the process end the way the signal would have ended it. A second signal while closing ends it at
 * once. When the application has its own handler for the signal, that handler decides instead.
 *
 * Nothing is installed unless this is called. Returns a function that removes the handlers.
 */
export function installShutdownHandlers(
  client: { close(): Promise<void> },
  options: ShutdownHandlerOptions = {},
): () => void {
  const target = options.target ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const logger = toSdkLogger(options.logger, 'shutdown');
  const handlers = new Map<NodeJS.Signals, () => void>();
  let closing = false;

  const uninstall = (): void => {
    for (const [signal, handler] of handlers) target.removeListener(signal, handler);
    handlers.clear();
  };

  const endProcess = (signal: NodeJS.Signals): void => {
    uninstall();
    // Re-raising with no listener left lets Node apply the signal's default: the process ends
    // with the usual exit status. An application's own handler, if any, runs instead.
    if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      endProcess(signal);
      return;
    }
    closing = true;
    // Stay subscribed while closing, so a second signal ends the process at once.
    const again = (): void => endProcess(signal);
    handlers.set(signal, again);
    target.once(signal, again);

    client.close().then(
      () => endProcess(signal),
      (error: unknown) => {
        logger.error('Closing the Artemis client on a signal failed', { signal, error });
        endProcess(signal);
      },
    );
  };

  for (const signal of signals) {
    const handler = (): void => onSignal(signal);
    handlers.set(signal, handler);
    target.once(signal, handler);
  }
  return uninstall;
}
