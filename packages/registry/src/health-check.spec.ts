import { instanceIdentity, toSdkLogger, TypedEvents } from '@artemis/protocol';
import type { InstanceStatus, RegistrationInstance } from '@artemis/protocol';
import { ManualClock } from '@artemis/testing';

import { sampleInstance } from '../test/sample-instance';
import { HealthCheckFailedError } from './errors';
import { applyHealthRound, StatusFollower } from './health-check';
import type { RegistryEvents } from './registry-events';
import type { HealthCheck } from './health-check';

const instance = (instanceId: string, status: InstanceStatus = 'up') =>
  sampleInstance(instanceId, { status });

const byId =
  (answers: Record<string, ReturnType<HealthCheck>>): HealthCheck =>
  candidate =>
    answers[candidate.instanceId];

const mapOf = (...instances: RegistrationInstance[]) =>
  new Map(instances.map(entry => [instanceIdentity(entry), entry]));

describe('StatusFollower', () => {
  it('reports the instances whose status the check changed, with their new status', async () => {
    const follower = new StatusFollower(
      byId({ a: 'down', b: 'up', c: undefined, d: Promise.resolve('unhealthy') }),
      new ManualClock(),
    );

    const round = await follower.check(
      [instance('a'), instance('b'), instance('c'), instance('d')],
      100,
    );

    expect(round.failures).toEqual([]);
    expect(round.changes).toEqual([
      { instance: instance('a', 'down'), previous: 'up' },
      { instance: instance('d', 'unhealthy'), previous: 'up' },
    ]);
  });

  it('keeps the status of an instance whose check throws, rejects or answers no status', async () => {
    const follower = new StatusFollower(candidate => {
      if (candidate.instanceId === 'throws') throw new Error('database unreachable');
      if (candidate.instanceId === 'rejects') return Promise.reject(new Error('timeout'));
      if (candidate.instanceId === 'nonsense') return 'sideways' as InstanceStatus;
      return 'down';
    }, new ManualClock());

    const round = await follower.check(
      [instance('throws'), instance('rejects'), instance('nonsense'), instance('fine')],
      100,
    );

    expect(round.changes.map(change => change.instance.instanceId)).toEqual(['fine']);
    expect(round.failures.map(failure => failure.instance.instanceId)).toEqual([
      'throws',
      'rejects',
      'nonsense',
    ]);
    for (const failure of round.failures) {
      expect(failure).toBeInstanceOf(HealthCheckFailedError);
      expect(failure.code).toBe('ARTEMIS_HEALTH_CHECK_FAILED');
    }
    expect(round.failures[0]?.cause).toEqual(new Error('database unreachable'));
    expect(round.failures[2]?.message).toContain('"sideways"');
  });

  it('gives up on a check that does not answer in time, and keeps the answers that came', async () => {
    const clock = new ManualClock();
    const follower = new StatusFollower(
      candidate => (candidate.instanceId === 'hangs' ? new Promise(() => {}) : 'down'),
      clock,
    );

    const checking = follower.check([instance('hangs'), instance('quick')], 500);
    await clock.advance(499);
    let done = false;
    void checking.then(() => (done = true));
    await clock.advance(0);
    expect(done).toBe(false);

    await clock.advance(1);
    const round = await checking;

    expect(round.changes.map(change => change.instance.instanceId)).toEqual(['quick']);
    expect(round.failures[0]?.message).toContain('no answer within 500 ms');
    expect(clock.pendingTimers).toBe(0);
  });

  it('hands the check a frozen copy, so it cannot change what is registered', async () => {
    const original = instance('a');
    const follower = new StatusFollower(candidate => {
      (candidate as RegistrationInstance).port = 1;
      return 'down';
    }, new ManualClock());

    const round = await follower.check([original], 100);

    expect(original.port).toBe(8080);
    expect(round.failures).toHaveLength(1);
  });

  it('owes a changed status until a registration carrying it is accepted', async () => {
    let answer: InstanceStatus = 'down';
    const follower = new StatusFollower(() => answer, new ManualClock());
    const a = instance('a');
    const b = instance('b');

    const round = await follower.check([a, b], 100);
    const [downA, downB] = round.changes.map(change => change.instance);
    expect(follower.owed([a, b])).toEqual([a, b]);

    // A registration sent before the change does not pay the debt.
    follower.accepted([a], mapOf(downA!, downB!));
    expect(follower.owed([a, b])).toEqual([a, b]);

    follower.accepted([downA!], mapOf(downA!, downB!));
    expect(follower.owed([downA!, downB!])).toEqual([downB]);

    follower.forget([downB!]);
    expect(follower.owed([downA!, downB!])).toEqual([]);

    // Asked again with the statuses now stored, the same answer is no change.
    answer = 'down';
    expect((await follower.check([downA!, downB!], 100)).changes).toEqual([]);
  });

  it('owes nothing for an instance unregistered while its check ran', async () => {
    const follower = new StatusFollower(() => 'down', new ManualClock());
    const [kept, gone] = [instance('kept'), instance('gone')];
    const round = await follower.check([kept, gone], 100);
    const instances = mapOf(kept);
    const events = new TypedEvents<RegistryEvents>();
    const changed: string[] = [];
    events.on('status-changed', change => changed.push(change.instance.instanceId));

    applyHealthRound(round, follower, instances, events, toSdkLogger(undefined, 'test'));

    expect(changed).toEqual(['kept']);
    expect(instances.get(instanceIdentity(kept))?.status).toBe('down');
    expect(follower.owed([kept, gone])).toEqual([kept]);
  });
});
