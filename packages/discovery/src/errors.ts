import { ArtemisError } from '@artemis/protocol';
import type { ArtemisErrorOptions, Service } from '@artemis/protocol';

/** A serviceId or discovery config given to the client is unusable (missing or blank id). */
export class InvalidServiceIdError extends ArtemisError {
  override readonly name = 'InvalidServiceIdError';

  constructor(readonly value: unknown) {
    super('ARTEMIS_INVALID_SERVICE_ID', 'A discovery config needs a non-blank string serviceId');
  }
}

/**
 * The server answered a discovery request with a business failure other than "no instances",
 * such as `no-permission` (a regionId the Java server does not serve) or `bad-request`.
 */
export class DiscoveryRejectedError extends ArtemisError {
  override readonly name = 'DiscoveryRejectedError';

  constructor(
    readonly serviceId: string,
    readonly errorCode: string,
    message: string | undefined,
    options: ArtemisErrorOptions = {},
  ) {
    super(
      'ARTEMIS_DISCOVERY_REJECTED',
      `The server refused to look up ${serviceId}: ${errorCode}${message ? ` (${message})` : ''}`,
      options,
    );
  }
}

/**
 * A batch lookup in which some services were fetched and others failed. `services` holds the
 * fetched ones; `failures` maps each failed serviceId (as configured) to its error.
 */
export class PartialLookupError extends ArtemisError {
  override readonly name = 'PartialLookupError';

  constructor(
    readonly services: readonly Service[],
    readonly failures: ReadonlyMap<string, unknown>,
  ) {
    const first = failures.values().next().value as unknown;
    super(
      'ARTEMIS_PARTIAL_LOOKUP',
      `${failures.size} of ${failures.size + services.length} services could not be fetched`,
      { cause: first },
    );
  }
}

/**
 * The discovery snapshot could not be read or written. Reported through the `snapshot-failed`
 * event and the logger, never thrown: the client goes on without the snapshot.
 */
export class SnapshotError extends ArtemisError {
  override readonly name = 'SnapshotError';

  constructor(
    readonly operation: 'load' | 'save',
    options: ArtemisErrorOptions = {},
  ) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      'ARTEMIS_SNAPSHOT_FAILED',
      `The discovery snapshot could not be ${operation === 'load' ? 'read' : 'written'}${reason}`,
      options,
    );
  }
}
