import { runInThisContext } from 'node:vm';

/** The rejections seen while a {@link watchUnhandledRejections} watch was installed. */
export interface RejectionWatch {
  readonly reasons: readonly unknown[];
  /** Removes the watch. */
  dispose(): void;
}

/**
 * Records every promise rejection nobody handled while installed, so a test can assert that the
 * code under test let none escape: under Node's default `--unhandled-rejections=throw`, one
 * would crash the application.
 */
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
