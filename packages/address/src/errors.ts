import { ArtemisError } from '@artemis/protocol';
import type { ArtemisErrorOptions } from '@artemis/protocol';

/** The address list is empty: no `serverUrls` configured and none learnt from the cluster. */
export class NoAddressError extends ArtemisError {
  override readonly name = 'NoAddressError';

  constructor(
    readonly side: string,
    options: ArtemisErrorOptions = {},
  ) {
    super('ARTEMIS_NO_ADDRESS', `No server address is known for the ${side} side`, options);
  }
}
