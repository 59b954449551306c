import { ArtemisError } from '@artemis/protocol';

/** One problem found in the options: which field (or environment variable) and why. */
export interface ConfigIssue {
  /** The option path (`serverUrls[1]`, `tls.ca`) or the environment variable that was bad. */
  readonly path: string;
  /** What is wrong, in words a person can act on. Never contains credentials or header values. */
  readonly message: string;
}

/**
 * The options (or the environment) do not form a valid configuration. Nothing was applied: a
 * resolve gives no config at all, and a store keeps the config it had.
 */
export class ConfigError extends ArtemisError {
  override readonly name = 'ConfigError';

  /** Every bad field, each with the reason; never empty. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super('ARTEMIS_INVALID_CONFIG', describeIssues(issues));
    this.issues = Object.freeze(issues.map(issue => Object.freeze({ ...issue })));
  }
}

function describeIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map(issue => `  - ${issue.path}: ${issue.message}`);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return `Invalid Artemis configuration (${issues.length} ${noun}):\n${lines.join('\n')}`;
}
