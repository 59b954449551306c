import { runInThisContext } from 'node:vm';

/**
 * Records every promise rejection nobody handled while installed. A chaos scenario asserts the
 * list stays empty: a rejection that escapes the SDK would crash an application that runs with
 * Node's default `--unhandled-rejections=throw`.
 */
export interface RejectionWatch {
  readonly reasons: readonly unknown[];
  dispose(): void;
}

export function watchUnhandledRejections(): RejectionWatch {
  // Jest gives each test file a copy of `process` whose events never fire; Node reports
  // unhandled rejections on the real one, which only the main context can name.
  const realProcess = runInThisContext('process') as NodeJS.Process;
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };

  realProcess.on('unhandledRejection', listener);
  return {
    reasons,
    dispose: () => {
      realProcess.off('unhandledRejection', listener);
    },
  };
}
