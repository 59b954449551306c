import { ArtemisError } from './kernel/index.js';
import type { ArtemisErrorOptions } from './kernel/index.js';

/** Options of {@link InvalidReplyError}. */
export interface InvalidReplyErrorOptions extends ArtemisErrorOptions {
  /** Short, human-readable descriptions of what was wrong, at most a handful. */
  issues?: readonly string[];
  /** The first characters of the offending body, never the whole of it. */
  excerpt?: string;
}

/**
 * A server reply or frame could not be read: not JSON, or JSON of the wrong shape. The raw body
 * is never kept; `excerpt` holds at most a short prefix of it.
 */
export class InvalidReplyError extends ArtemisError {
  override readonly name = 'InvalidReplyError';
  /** Short descriptions of each problem, such as `responseStatus.errorCode: expected string`. */
  readonly issues: readonly string[];
  /** A short prefix of the body, for logs. */
  readonly excerpt: string | undefined;

  constructor(what: string, options: InvalidReplyErrorOptions = {}) {
    const issues = options.issues ?? [];
    const detail = issues.length > 0 ? `: ${issues.join('; ')}` : '';
    super('ARTEMIS_INVALID_REPLY', `Invalid ${what}${detail}`, options);
    this.issues = issues;
    this.excerpt = options.excerpt;
  }
}

/**
 * An instance given to the SDK cannot be sent: a field the Rust or Java server requires is
 * missing, empty or of the wrong type. `missing` names every such field.
 */
export class InvalidInstanceError extends ArtemisError {
  override readonly name = 'InvalidInstanceError';
  /** Every missing or bad field, such as `url` or `instances[1].port`. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[], options: ArtemisErrorOptions = {}) {
    super(
      'ARTEMIS_INVALID_INSTANCE',
      `Invalid instance, missing or bad fields: ${missing.join(', ')}`,
      options,
    );
    this.missing = missing;
  }
}

/**
 * A request other than an instance cannot be built: a discovery config without a serviceId, an
 * empty region, a URL that is not http or https. `fields` names every bad field.
 */
export class InvalidRequestError extends ArtemisError {
  override readonly name = 'InvalidRequestError';
  /** Every missing or bad field, such as `serviceId` or `discoveryConfigs[0].serviceId`. */
  readonly fields: readonly string[];

  constructor(message: string, fields: readonly string[], options: ArtemisErrorOptions = {}) {
    super('ARTEMIS_INVALID_REQUEST', message, options);
    this.fields = fields;
  }
}
