import { ArtemisError } from '@artemis/protocol';

/** The address list is empty: no `serverUrls` configured and none learnt from the cluster. */
export class NoAddressError extends ArtemisError {
  override readonly name = 'NoAddressError';

  constructor(side: string) {
    super('ARTEMIS_NO_ADDRESS', `No server address is known for the ${side} side`);
  }
}
