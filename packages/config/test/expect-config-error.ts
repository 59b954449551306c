import { ConfigError } from '../src/index.js';
import type { ConfigIssue } from '../src/index.js';

/** Runs `action`, asserts it threw a ConfigError, and returns the error for more checks. */
export function catchConfigError(action: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const error = thrown as ConfigError;
  expect(error.code).toBe('ARTEMIS_INVALID_CONFIG');
  expect(error.issues.length).toBeGreaterThan(0);
  return error;
}

/** The issue at `path`, failing the test when there is none. */
export function issueAt(error: ConfigError, path: string): ConfigIssue {
  const issue = error.issues.find(candidate => candidate.path === path);
  if (issue === undefined) {
    throw new Error(`no issue at ${path}; issues: ${JSON.stringify(error.issues)}`);
  }
  return issue;
}

/** Minimal valid options: one server, nothing else. */
export const BASE = { serverUrls: ['http://127.0.0.1:8080'] } as const;

/** An environment with nothing in it, so the machine's own variables never leak into a test. */
export const NO_ENV = {};
