import type { ArtemisConfig } from '@artemis/config';
import type { FilterChain } from '@artemis/filters';
import { deriveSignal, instanceIdentity } from '@artemis/protocol';
import type { Clock, RegistrationInstance, SdkLogger, TypedEvents } from '@artemis/protocol';

import type { LeaseWatchdog } from './lease-watchdog.js';
import type { RegistryEvents, ReRegistrationReason } from './registry-events.js';
import type { RegistryNodes, RegistryTransport } from './registry-transport.js';

/** Everything one beat needs, handed over by the registry client. */
export interface BeatContext {
  instances: () => ReadonlyMap<string, RegistrationInstance>;
  /** Of a batch, the instances whose status changed since the server last accepted them. */
  statusOwed: (batch: readonly RegistrationInstance[]) => RegistrationInstance[];
  transport: RegistryTransport;
  filters: FilterChain<RegistrationInstance>;
  config: ArtemisConfig;
  addresses: RegistryNodes | undefined;
  watchdog: LeaseWatchdog;
  events: TypedEvents<RegistryEvents>;
  logger: SdkLogger;
  clock: Clock;
  /** Fires when the client closes: the beat stops quietly. */
  lifetime: AbortSignal;
  eventLoopDelayMs: number;
  timerDriftMs: number;
}

/**
 * One heartbeat: check the watchdog, filter the instances, register those whose status changed,
 * send one batch (or register everything again when the TTL passed with no acknowledgement), then
 * register again exactly the instances the server reports as lost. Never throws: failures become
 * events. Resolves true when the beat was acknowledged, so its `eventLoopDelayMs` and
 * `timerDriftMs` were reported.
 */
export async function runHeartbeat(context: BeatContext): Promise<boolean> {
  const { config, watchdog, clock } = context;
  const intervalMs = config.heartbeatIntervalMs;

  if (watchdog.shouldMarkDown(config.heartbeatTtlMs, intervalMs)) markNodeDown(context);

  const all = [...context.instances().values()];
  if (all.length === 0) return false;

  // Filtered-out instances get no heartbeat and lapse on the server, as a client-side pull-out.
  const batch = context.filters.apply(all);
  if (batch.length === 0) {
    watchdog.acknowledged(clock.now());
    return false;
  }

  if (watchdog.leaseSurelyLost(config.heartbeatTtlMs)) {
    await registerAgain(context, batch, 'ttl-expired');
    return false;
  }

  // A heartbeat renews a lease but leaves the stored instance as it was: a status goes by register.
  const owed = context.statusOwed(batch);
  if (owed.length > 0) await registerAgain(context, owed, 'status-changed');

  // Each beat must end before the next is due, so a stalled node cannot eat the lease.
  const { signal, dispose } = deriveSignal([context.lifetime], intervalMs);
  const sentAt = clock.now();
  let lost: RegistrationInstance[] = [];
  let reported = false;
  try {
    const outcome = await context.transport.heartbeat(batch, signal);
    watchdog.acknowledged(sentAt);
    context.events.emit('heartbeat-acknowledged', {
      latencyMs: clock.now() - sentAt,
      count: batch.length,
      requests: outcome.requests,
      eventLoopDelayMs: context.eventLoopDelayMs,
      timerDriftMs: context.timerDriftMs,
      ...(outcome.url === undefined ? {} : { url: outcome.url }),
    });
    reported = true;

    for (const error of outcome.errors) {
      context.events.emit('heartbeat-failed', { error, count: batch.length });
    }
    if (outcome.refused.length > 0) {
      context.logger.warn('The server refused heartbeats of some instances', {
        refused: outcome.refused.map(f => ({
          instanceId: f.instance.instanceId,
          code: f.errorCode,
        })),
      });
    }
    lost = stillRegistered(context, outcome.lost);
  } catch (error) {
    if (context.lifetime.aborted) return false;

    context.logger.warn('Heartbeat failed', { count: batch.length, error });
    context.events.emit('heartbeat-failed', { error, count: batch.length });
  } finally {
    dispose();
  }

  if (lost.length > 0) {
    context.events.emit('lease-lost', { instances: lost });
    await registerAgain(context, lost, 'lease-lost');
  }
  return reported;
}

async function registerAgain(
  context: BeatContext,
  instances: readonly RegistrationInstance[],
  reason: ReRegistrationReason,
): Promise<void> {
  const targets = stillRegistered(context, instances);
  if (targets.length === 0) return;

  const { signal, dispose } = deriveSignal([context.lifetime], context.config.heartbeatIntervalMs);
  const sentAt = context.clock.now();
  try {
    const outcome = await context.transport.register(targets, signal);
    if (outcome.accepted.length > 0) {
      context.watchdog.acknowledged(sentAt);
      context.events.emit('re-registered', { instances: outcome.accepted, reason });
    }
    if (outcome.failed.length > 0) {
      context.events.emit('re-registration-failed', {
        instances: outcome.failed.map(failure => failure.instance),
        failed: outcome.failed,
      });
    }
  } catch (error) {
    if (context.lifetime.aborted) return;

    context.logger.warn('Registering lost instances again failed', { reason, error });
    context.events.emit('re-registration-failed', { instances: targets, failed: [], error });
  } finally {
    dispose();
  }
}

function markNodeDown(context: BeatContext): void {
  const sinceAckMs = context.watchdog.sinceAckMs();
  context.watchdog.markedDown();
  if (!context.addresses) return;

  const url = context.addresses.current();
  context.logger.warn('No heartbeat acknowledged for too long; marking the node down', {
    url,
    sinceAckMs,
  });
  context.addresses.markDown(url, `no heartbeat acknowledged for ${sinceAckMs} ms`);
  try {
    context.transport.nodeMarkedDown?.(url);
  } catch (error) {
    context.logger.warn('The transport failed to move off a marked-down node', { error });
  }
  context.events.emit('node-marked-down', { url, sinceAckMs });
}

// The application may have unregistered some instances while a request was in flight.
function stillRegistered(
  context: BeatContext,
  instances: readonly RegistrationInstance[],
): RegistrationInstance[] {
  const current = context.instances();
  return instances.flatMap(instance => {
    const kept = current.get(instanceIdentity(instance));
    return kept ? [kept] : [];
  });
}
