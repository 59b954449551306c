import { INSTANCE_STATUSES } from '@artemis/protocol';
import type { SdkLogger } from '@artemis/protocol';

import { CappedLabel, FixedLabel } from './bounded-label.js';

/** Operation names the SDK's transports report; anything else is counted as `other`. */
export const OPERATIONS = [
  'register',
  'heartbeat',
  'unregister',
  'get-service',
  'services',
  'lookup',
  'up-registry-nodes',
  'up-discovery-nodes',
  'health',
  'detect-flavor',
] as const;

/** Outcomes of one HTTP attempt, as `ArtemisHttpClient` reports them. */
export const HTTP_OUTCOMES = [
  'success',
  'partial',
  'rejected',
  'service-down',
  'retry-same-node',
  'http-error',
  'timeout',
  'transport-error',
  'invalid-reply',
  'tls-error',
  'aborted',
] as const;

/** Connection states of a socket. */
export const SOCKET_STATES = ['connecting', 'open', 'closed'] as const;

/** Why a discovery client ignored a pushed change. */
export const DROP_REASONS = ['stale', 'untracked', 'invalid'] as const;

/** Why a registry client registered its instances again. */
export const RE_REGISTRATION_REASONS = ['lease-lost', 'ttl-expired', 'status-changed'] as const;

/** What a discovery snapshot failed to do. */
export const SNAPSHOT_OPERATIONS = ['load', 'save'] as const;

/** Sides of the cluster. */
export const SIDES = ['registry', 'discovery'] as const;

/** How many distinct error codes get their own series before the rest fold into `other`. */
const ERROR_CODE_LIMIT = 50;

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The bounded label values of one metric set, shared by every source attached to it. */
export class MetricLabels {
  readonly side = new FixedLabel(SIDES);
  readonly operation = new FixedLabel(OPERATIONS);
  readonly httpOutcome = new FixedLabel(HTTP_OUTCOMES);
  readonly socketState = new FixedLabel(SOCKET_STATES);
  readonly dropReason = new FixedLabel(DROP_REASONS);
  readonly reRegistrationReason = new FixedLabel(RE_REGISTRATION_REASONS);
  /** Instance statuses, as the protocol knows them; anything else is counted as `other`. */
  readonly status = new FixedLabel(INSTANCE_STATUSES);
  readonly snapshotOperation = new FixedLabel(SNAPSHOT_OPERATIONS);
  readonly #errorCode: CappedLabel;
  readonly #service: CappedLabel;

  constructor(maxServiceLabels: number, logger: SdkLogger) {
    this.#errorCode = new CappedLabel(ERROR_CODE_LIMIT, {
      onLimit: () => logger.warn('Too many distinct error codes; later ones are labelled other'),
    });
    this.#service = new CappedLabel(maxServiceLabels, {
      // Services are case-insensitive on the server, so the label is too.
      normalise: serviceId => serviceId.toLowerCase(),
      onLimit: () =>
        logger.warn('Too many distinct services; later ones are labelled other', {
          maxServiceLabels,
        }),
    });
  }

  /** The stable code of an error (`ARTEMIS_*`, `ECONNREFUSED`, …), or `unknown`. */
  errorCode(error: unknown): string {
    const code =
      typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    return typeof code === 'string' && ERROR_CODE.test(code)
      ? this.#errorCode.value(code)
      : 'unknown';
  }

  service(serviceId: string): string {
    return this.#service.value(serviceId);
  }
}
