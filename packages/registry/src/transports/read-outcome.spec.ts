import { parseHeartbeatReply, parseRegisterReply } from '@artemis/protocol';
import type { RegistrationInstance } from '@artemis/protocol';

import { readHeartbeatReply, readRegisterReply } from './read-outcome';

const instance = (instanceId: string, serviceId = 'Demo.Hello'): RegistrationInstance => ({
  regionId: 'sha',
  zoneId: 'sha-z1',
  serviceId,
  instanceId,
  ip: '10.0.0.5',
  port: 8080,
  url: `http://10.0.0.5:8080/${instanceId}`,
  status: 'up',
});

const ids = (list: ReadonlyArray<{ instanceId: string } | { instance: { instanceId: string } }>) =>
  list.map(entry => ('instance' in entry ? entry.instance.instanceId : entry.instanceId));

/** A Java partial_fail reply naming instances with an error code, as the server writes it. */
function javaPartial(failures: Array<[RegistrationInstance, string]>) {
  return parseHeartbeatReply({
    failedInstances: failures.map(([failed, errorCode]) => ({
      errorCode,
      errorMessage: `sha/sha-z1/${failed.serviceId}/${failed.instanceId}: failed`,
      // Java echoes the instance; casing may differ from what was sent.
      instance: { ...failed, serviceId: failed.serviceId.toLowerCase(), groupId: null },
    })),
    responseStatus: { errorCode: 'partial_fail', message: '', status: 'partial_fail' },
  });
}

describe('readHeartbeatReply', () => {
  const sent = [instance('a'), instance('b'), instance('c'), instance('d')];

  it('acknowledges everything on success', () => {
    const reply = parseHeartbeatReply({
      failedInstances: null,
      responseStatus: { errorCode: 'success', message: '', status: 'success' },
    });

    expect(ids(readHeartbeatReply(sent, reply, 'java').acknowledged)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats Java data-not-found and unknown as lost leases, and other codes as refused', () => {
    const reply = javaPartial([
      [sent[0]!, 'data-not-found'],
      [sent[1]!, 'unknown'],
      [sent[2]!, 'no-permission'],
    ]);

    const outcome = readHeartbeatReply(sent, reply, 'java');

    expect(ids(outcome.lost)).toEqual(['a', 'b']);
    expect(ids(outcome.refused)).toEqual(['c']);
    expect(outcome.refused[0]?.errorCode).toBe('no-permission');
    expect(ids(outcome.acknowledged)).toEqual(['d']);
  });

  it('treats every Rust failed key as a lost lease, matched by the key Rust computes', () => {
    const reply = parseHeartbeatReply({
      responseStatus: { errorCode: 'bad-request', errorMessage: 'Some heartbeats failed' },
      failedInstanceKeys: [
        {
          regionId: 'sha',
          zoneId: 'sha-z1',
          serviceId: 'demo.hello',
          groupId: '',
          instanceId: 'c',
        },
      ],
    });

    const outcome = readHeartbeatReply(sent, reply, 'rust');

    expect(ids(outcome.lost)).toEqual(['c']);
    expect(outcome.refused).toEqual([]);
    expect(ids(outcome.acknowledged)).toEqual(['a', 'b', 'd']);
  });

  it('throws a typed error for a reply refused as a whole, and a distinct one for a node that cannot serve', () => {
    const rejected = parseHeartbeatReply({
      failedInstances: null,
      responseStatus: { errorCode: 'bad-request', message: 'bad', status: 'fail' },
    });
    const down = parseHeartbeatReply({
      failedInstances: null,
      responseStatus: { errorCode: 'service-unavailable', message: 'down', status: 'fail' },
    });

    expect(() => readHeartbeatReply(sent, rejected, 'java')).toThrow(
      expect.objectContaining({ code: 'ARTEMIS_REGISTRY_REJECTED', errorCode: 'bad-request' }),
    );
    expect(() => readHeartbeatReply(sent, down, 'java')).toThrow(
      expect.objectContaining({ code: 'ARTEMIS_REGISTRY_NODE_UNAVAILABLE' }),
    );
  });
});

describe('readRegisterReply', () => {
  it('accepts everything the reply does not name as failed', () => {
    const sent = [instance('a'), instance('b')];
    const reply = parseRegisterReply({
      failedInstances: [
        {
          errorCode: 'no-permission',
          errorMessage: 'regionId is not the same as the registry node.',
          instance: sent[1],
        },
      ],
      responseStatus: { errorCode: 'partial_fail', message: '', status: 'partial_fail' },
    });

    const outcome = readRegisterReply(sent, reply);

    expect(ids(outcome.accepted)).toEqual(['a']);
    expect(outcome.failed).toEqual([
      expect.objectContaining({ errorCode: 'no-permission', instance: sent[1] }),
    ]);
  });

  it('fails every instance of a reply refused as a whole', () => {
    const sent = [instance('a')];
    const reply = parseRegisterReply({
      responseStatus: { errorCode: 'bad-request', message: 'no', status: 'fail' },
    });

    expect(readRegisterReply(sent, reply)).toEqual({
      accepted: [],
      failed: [{ instance: sent[0], errorCode: 'bad-request', message: 'no' }],
    });
  });
});
