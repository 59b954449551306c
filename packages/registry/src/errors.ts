import { ArtemisError } from '@artemis/protocol';
import type { RegistrationInstance } from '@artemis/protocol';

import type { RegistrationFailure } from './registry-transport.js';

/**
 * The server did not accept every instance of a `register` call. `accepted` ones are kept alive
 * all the same; `failed` names the others with the server's reason. When no request got through,
 * `cause` is the transport error and `accepted` is empty.
 */
export class RegistrationFailedError extends ArtemisError {
  override readonly name = 'RegistrationFailedError';

  constructor(
    readonly accepted: readonly RegistrationInstance[],
    readonly failed: readonly RegistrationFailure[],
    cause?: unknown,
  ) {
    const names = failed.map(
      failure =>
        `${failure.instance.serviceId}/${failure.instance.instanceId} (${failure.errorCode})`,
    );
    super(
      'ARTEMIS_REGISTRATION_FAILED',
      `Registration failed for ${failed.length} instance(s): ${summarise(names)}`,
      { cause },
    );
  }
}

/** An `unregister` call did not reach the server; the instances no longer get heartbeats. */
export class UnregisterFailedError extends ArtemisError {
  override readonly name = 'UnregisterFailedError';

  constructor(
    readonly instances: readonly RegistrationInstance[],
    cause: unknown,
  ) {
    super(
      'ARTEMIS_UNREGISTER_FAILED',
      `Unregister failed for ${instances.length} instance(s); their leases will lapse by TTL`,
      { cause },
    );
  }
}

/**
 * The server refused a registry request as a whole (for example a Java `bad-request` or
 * `no-permission` envelope); retrying it unchanged will not help.
 */
export class RegistryRequestRejectedError extends ArtemisError {
  override readonly name = 'RegistryRequestRejectedError';

  constructor(
    readonly operation: 'heartbeat' | 'unregister',
    readonly errorCode: string,
    readonly serverMessage?: string,
  ) {
    super(
      'ARTEMIS_REGISTRY_REJECTED',
      `The server rejected the ${operation}: ${errorCode}${serverMessage ? ` (${serverMessage})` : ''}`,
    );
  }
}

/**
 * The node answered that it cannot serve the registry now (Java `service-unavailable` or
 * `internal-service-error`, Rust `internal-error`); another node may. Over HTTP the retrying client
 * handles this itself; over the Java heartbeat socket the frame goes over HTTP instead.
 */
export class RegistryNodeUnavailableError extends ArtemisError {
  override readonly name = 'RegistryNodeUnavailableError';

  constructor(
    readonly errorCode: string,
    readonly serverMessage?: string,
  ) {
    super(
      'ARTEMIS_REGISTRY_NODE_UNAVAILABLE',
      `The registry node cannot serve now: ${errorCode}${serverMessage ? ` (${serverMessage})` : ''}`,
    );
  }
}

/** A health check threw, rejected, answered too late or answered something that is no status. */
export class HealthCheckFailedError extends ArtemisError {
  override readonly name = 'HealthCheckFailedError';

  constructor(
    readonly instance: RegistrationInstance,
    reason: string,
    cause?: unknown,
  ) {
    super(
      'ARTEMIS_HEALTH_CHECK_FAILED',
      `The health check of ${instance.serviceId}/${instance.instanceId} ${reason}; its status stays ${instance.status}`,
      { cause },
    );
  }
}

function summarise(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
