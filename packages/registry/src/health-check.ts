import { INSTANCE_STATUSES, instanceIdentity } from '@artemis/protocol';
import type {
  Clock,
  InstanceStatus,
  RegistrationInstance,
  SdkLogger,
  TypedEvents,
} from '@artemis/protocol';

import { HealthCheckFailedError } from './errors.js';
import type { RegistryEvents } from './registry-events.js';

/**
 * Says which status an instance should have now, for example `down` while its database is out
 * of reach. `undefined` keeps the current status. It may be async; it is asked before every
 * heartbeat, once per registered instance.
 */
export type HealthCheck = (
  instance: Readonly<RegistrationInstance>,
) => InstanceStatus | undefined | Promise<InstanceStatus | undefined>;

/** An instance whose status the health check changed. */
export interface StatusChange {
  /** The instance with its new status. */
  instance: RegistrationInstance;
  previous: InstanceStatus;
}

/** What one round of health checks found. */
export interface HealthRound {
  changes: StatusChange[];
  failures: HealthCheckFailedError[];
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set(INSTANCE_STATUSES);

/**
 * Makes registered statuses follow a {@link HealthCheck}. Before each beat it asks the check
 * about every instance, and remembers each changed status until a registration carrying it is
 * accepted, so a status change is sent again at every beat until the server has it.
 */
export class StatusFollower {
  readonly #check: HealthCheck;
  readonly #clock: Clock;
  /** Identities of instances whose current status the server has not accepted yet. */
  readonly #unsent = new Set<string>();

  constructor(check: HealthCheck, clock: Clock) {
    this.#check = check;
    this.#clock = clock;
  }

  /**
   * Asks the check about every instance, each isolated from the others, within `timeoutMs`:
   * an instance whose check fails or is late keeps its status.
   */
  async check(instances: readonly RegistrationInstance[], timeoutMs: number): Promise<HealthRound> {
    const round: HealthRound = { changes: [], failures: [] };
    const answers = await this.#answersWithin(instances, timeoutMs);

    instances.forEach((instance, index) => {
      const answer = answers[index];
      if (answer instanceof HealthCheckFailedError) {
        round.failures.push(answer);
      } else if (answer !== undefined && answer !== instance.status) {
        this.#unsent.add(instanceIdentity(instance));
        round.changes.push({
          instance: { ...instance, status: answer },
          previous: instance.status,
        });
      }
    });
    return round;
  }

  /** Of `instances`, those whose status change the server has not accepted yet. */
  owed(instances: readonly RegistrationInstance[]): RegistrationInstance[] {
    if (this.#unsent.size === 0) return [];
    return instances.filter(instance => this.#unsent.has(instanceIdentity(instance)));
  }

  /**
   * A registration of these instances was accepted. An instance stops being owed once the server
   * has the status it has in `current`: a registration that left before a later change does not
   * count.
   */
  accepted(
    instances: readonly RegistrationInstance[],
    current: ReadonlyMap<string, RegistrationInstance>,
  ): void {
    for (const instance of instances) {
      const key = instanceIdentity(instance);
      if (current.get(key)?.status === instance.status) this.#unsent.delete(key);
    }
  }

  /** These instances are no longer registered by this client. */
  forget(instances: readonly RegistrationInstance[]): void {
    for (const instance of instances) this.#unsent.delete(instanceIdentity(instance));
  }

  async #answersWithin(
    instances: readonly RegistrationInstance[],
    timeoutMs: number,
  ): Promise<Array<InstanceStatus | undefined | HealthCheckFailedError>> {
    const answers = instances.map(instance => this.#ask(instance));
    let timer: { cancel(): void } | undefined;
    const late = new Promise<'late'>(resolve => {
      timer = this.#clock.setTimeout(() => resolve('late'), timeoutMs);
    });

    try {
      return await Promise.all(
        instances.map(async (instance, index) => {
          const answer = await Promise.race([answers[index], late]);
          return answer === 'late'
            ? new HealthCheckFailedError(instance, `gave no answer within ${timeoutMs} ms`)
            : answer;
        }),
      );
    } finally {
      timer?.cancel();
    }
  }

  async #ask(
    instance: RegistrationInstance,
  ): Promise<InstanceStatus | undefined | HealthCheckFailedError> {
    try {
      const answer: unknown = await this.#check(Object.freeze({ ...instance }));
      if (answer === undefined || KNOWN_STATUSES.has(answer as string)) {
        return answer as InstanceStatus | undefined;
      }
      return new HealthCheckFailedError(
        instance,
        `answered ${JSON.stringify(answer)?.slice(0, 40)}, which is not one of ${INSTANCE_STATUSES.join(', ')}`,
      );
    } catch (error) {
      return new HealthCheckFailedError(instance, 'threw', error);
    }
  }
}

/**
 * Reports what a round of health checks found and keeps the changed statuses in `instances`,
 * the registry client's own map, for the beat to register. `statuses` made the round; it stops
 * owing the changes of instances unregistered meanwhile.
 */
export function applyHealthRound(
  round: HealthRound,
  statuses: StatusFollower,
  instances: Map<string, RegistrationInstance>,
  events: TypedEvents<RegistryEvents>,
  logger: SdkLogger,
): void {
  if (round.failures.length > 0) {
    logger.warn('Health checks failed; those instances keep their status', {
      count: round.failures.length,
      first: round.failures[0]?.message,
    });
  }
  for (const error of round.failures) {
    events.emit('health-check-failed', { instance: error.instance, error });
  }

  for (const change of round.changes) {
    const key = instanceIdentity(change.instance);
    if (!instances.has(key)) {
      // Unregistered while the check ran: nothing is owed for it.
      statuses.forget([change.instance]);
      continue;
    }

    instances.set(key, change.instance);
    events.emit('status-changed', change);
  }
}
