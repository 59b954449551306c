import { ArtemisError } from '@artemis/protocol';
import type { ArtemisErrorOptions } from '@artemis/protocol';

/**
 * `flavor: 'auto'` could not tell which server line answers: no server could be reached, or the
 * one that answered said neither what the Rust server nor what the Java server says. Detection
 * is tried again on the next call that needs it.
 */
export class FlavorDetectionError extends ArtemisError {
  override readonly name = 'FlavorDetectionError';

  constructor(message: string, options: ArtemisErrorOptions = {}) {
    super('ARTEMIS_FLAVOR_DETECTION_FAILED', message, options);
  }
}
