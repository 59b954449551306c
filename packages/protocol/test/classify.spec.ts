import { classifyReply } from '../src/index.js';
import type { ResponseStatus } from '../src/index.js';

function kindOf(responseStatus: ResponseStatus): string {
  return classifyReply({ responseStatus }).kind;
}

describe('classifyReply', () => {
  it.each([
    [{ errorCode: 'success', status: 'success' }, 'success'],
    [{ errorCode: 'success' }, 'success'],
    [{ errorCode: 'partial_fail', status: 'partial_fail' }, 'partial'],
    [{ errorCode: 'partial_fail' }, 'partial'],
    [{ errorCode: 'internal-service-error', status: 'fail' }, 'service-down'],
    [{ errorCode: 'service-unavailable', status: 'fail' }, 'service-down'],
    [{ errorCode: 'service-unavailable' }, 'service-down'],
    [{ errorCode: 'internal-error' }, 'service-down'],
    [{ errorCode: 'rate-limited', status: 'fail' }, 'retry-same-node'],
    [{ errorCode: 'rate-limited' }, 'retry-same-node'],
    [{ errorCode: 'unknown', status: 'unknown' }, 'retry-same-node'],
    [{ errorCode: 'bad-request', status: 'fail' }, 'rejected'],
    [{ errorCode: 'bad-request' }, 'rejected'],
    [{ errorCode: 'no-permission', status: 'fail' }, 'rejected'],
    [{ errorCode: 'data-not-found', status: 'fail' }, 'rejected'],
    [{ errorCode: 'quota-exceeded', status: 'fail' }, 'rejected'],
    [{ errorCode: 'success', status: 'fail' }, 'rejected'],
    [{ errorCode: 'SERVICE-UNAVAILABLE' }, 'service-down'],
  ])('classifies %j as %s', (status, kind) => {
    expect(kindOf(status)).toBe(kind);
  });

  it('carries the code and message of a failure', () => {
    expect(
      classifyReply({ responseStatus: { errorCode: 'no-permission', message: 'wrong region' } }),
    ).toEqual({ kind: 'rejected', errorCode: 'no-permission', message: 'wrong region' });
  });

  it('makes any failed instance key partial, whatever the envelope says', () => {
    const key = { regionId: 'r', zoneId: 'z', serviceId: 's', groupId: '', instanceId: 'i' };
    const result = classifyReply({
      responseStatus: { errorCode: 'bad-request' },
      failedInstanceKeys: [key],
    });
    expect(result).toEqual({ kind: 'partial', failedInstances: [], failedInstanceKeys: [key] });
  });
});
