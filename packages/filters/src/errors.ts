import { ArtemisError } from '@artemis/protocol';

/** A filter chain was built from something that is not a filter. */
export class InvalidFilterError extends ArtemisError {
  override readonly name = 'InvalidFilterError';

  constructor(readonly index: number) {
    super(
      'ARTEMIS_INVALID_FILTER',
      `Filter at index ${index} is neither a function nor a { name, filter } object`,
    );
  }
}

/** A filter threw, or returned something other than an array; the chain skipped it. */
export class FilterFailedError extends ArtemisError {
  override readonly name = 'FilterFailedError';

  constructor(
    readonly filterName: string,
    cause: unknown,
    message = `Filter "${filterName}" threw; its result was ignored`,
  ) {
    super('ARTEMIS_FILTER_FAILED', message, { cause });
  }
}
