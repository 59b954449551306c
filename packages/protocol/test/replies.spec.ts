import {
  classifyReply,
  isServiceNotFound,
  parseHeartbeatReply,
  parseLookupReply,
  parseRegisterReply,
  parseServiceReply,
  parseServicesReply,
  parseUnregisterReply,
  parseUpNodesReply,
} from '../src/index.js';

import {
  EXAMPLE_INSTANCE,
  J_HEARTBEAT_PARTIAL,
  J_NO_NODES,
  J_NODE,
  J_RATE_LIMITED,
  J_REGISTER_SUCCESS,
  J_SUCCESS_STATUS,
  J_UNKNOWN_SERVICE,
  J_WS_HEARTBEAT_FIXED,
  R_BAD_REQUEST_STATUS,
  R_HEARTBEAT_FAILED,
  R_HEARTBEAT_SUCCESS,
  R_REGISTER_SUCCESS,
  R_SERVICE_NOT_FOUND,
  R_SUCCESS_STATUS,
} from './fixtures.js';

const example = JSON.parse(EXAMPLE_INSTANCE) as Record<string, unknown>;

describe('registry replies', () => {
  it('reads J register success with failedInstances null as empty lists', () => {
    const reply = parseRegisterReply(J_REGISTER_SUCCESS);
    expect(reply).toEqual({
      responseStatus: { errorCode: 'success', status: 'success' },
      failedInstances: [],
      failedInstanceKeys: [],
    });
    expect(classifyReply(reply)).toEqual({ kind: 'success' });
  });

  it('reads R register success without a status field', () => {
    const reply = parseRegisterReply(R_REGISTER_SUCCESS);
    expect(reply.responseStatus).toEqual({ errorCode: 'success' });
    expect(classifyReply(reply).kind).toBe('success');
  });

  it("reads J's partial_fail heartbeat with its failed instance", () => {
    const reply = parseHeartbeatReply(J_HEARTBEAT_PARTIAL);
    expect(reply.responseStatus).toEqual({ errorCode: 'partial_fail', status: 'partial_fail' });
    expect(reply.failedInstances).toHaveLength(1);
    expect(reply.failedInstances[0]?.errorCode).toBe('data-not-found');
    expect(reply.failedInstances[0]?.instance).toEqual(example);
    expect(reply.failedInstances[0]?.errorMessage).toMatch(/Need re-register/);
    expect(classifyReply(reply)).toEqual({
      kind: 'partial',
      failedInstances: reply.failedInstances,
      failedInstanceKeys: [],
    });
  });

  it("reads R's failed heartbeat keys as partial, not rejected", () => {
    const reply = parseHeartbeatReply(R_HEARTBEAT_FAILED);
    expect(reply.responseStatus).toEqual({
      errorCode: 'bad-request',
      message: 'Some heartbeats failed',
    });
    expect(reply.failedInstanceKeys).toEqual([
      {
        regionId: 'sha',
        zoneId: 'sha-z1',
        serviceId: 'demo.hello',
        groupId: '',
        instanceId: '10.0.0.5:8080',
      },
    ]);
    expect(classifyReply(reply).kind).toBe('partial');
  });

  it('reads R heartbeat success and the fixed J socket reply', () => {
    expect(classifyReply(parseHeartbeatReply(R_HEARTBEAT_SUCCESS)).kind).toBe('success');
    expect(classifyReply(parseHeartbeatReply(J_WS_HEARTBEAT_FIXED)).kind).toBe('success');
  });

  it("reads J's rate limit as retry-same-node with its message", () => {
    const reply = parseUnregisterReply(J_RATE_LIMITED);
    expect(classifyReply(reply)).toEqual({
      kind: 'retry-same-node',
      errorCode: 'rate-limited',
      message: 'Request is rate limited.',
    });
  });

  it('wraps a bare instance in failedInstances (R declares that type) with the envelope code', () => {
    const reply = parseRegisterReply({
      responseStatus: { errorCode: 'bad-request' },
      failedInstances: [example],
    });
    expect(reply.failedInstances).toEqual([{ instance: example, errorCode: 'bad-request' }]);
  });

  it('accepts a decoded value as well as text, with unknown fields anywhere', () => {
    const reply = parseRegisterReply({
      responseStatus: { ...JSON.parse(J_SUCCESS_STATUS), traceId: 'x' },
      somethingNew: [1, 2],
    });
    expect(reply.responseStatus.errorCode).toBe('success');
  });

  it('reads a status-only envelope, taking the status as the code', () => {
    const reply = parseRegisterReply({ responseStatus: { status: 'fail' } });
    expect(reply.responseStatus.errorCode).toBe('fail');
    expect(classifyReply(reply).kind).toBe('rejected');
  });
});

describe('service replies', () => {
  it("reads J's unknown service with instances null as an empty service", () => {
    const reply = parseServiceReply(J_UNKNOWN_SERVICE);
    expect(reply.service).toEqual({ serviceId: 'demo.unknown', instances: [] });
    expect(classifyReply(reply).kind).toBe('success');
    expect(isServiceNotFound(reply)).toBe(false);
  });

  it("recognises R's Service not found", () => {
    const reply = parseServiceReply(R_SERVICE_NOT_FOUND);
    expect(reply.service).toBeUndefined();
    expect(isServiceNotFound(reply)).toBe(true);
    expect(classifyReply(reply)).toEqual({
      kind: 'rejected',
      errorCode: 'bad-request',
      message: 'Service not found: demo.unknown',
    });
  });

  it('does not mistake another bad-request for Service not found', () => {
    const reply = parseServiceReply({ responseStatus: JSON.parse(R_BAD_REQUEST_STATUS) });
    expect(isServiceNotFound(reply)).toBe(false);
  });

  it('reads a J service with route rules and a R service with instances', () => {
    const reply = parseServiceReply({
      responseStatus: JSON.parse(J_SUCCESS_STATUS),
      service: {
        serviceId: 'demo.hello',
        instances: [example, null],
        metadata: null,
        logicInstances: null,
        routeRules: [
          {
            routeId: 'r1',
            strategy: 'weighted-round-robin',
            groups: [{ groupKey: 'g', weight: 5, instanceIds: ['10.0.0.5:8080'] }],
          },
        ],
      },
    });
    expect(reply.service?.instances).toEqual([example]);
    expect(reply.service?.routeRules?.[0]?.groups?.[0]?.weight).toBe(5);
  });

  it("reads J's services with version and R's without", () => {
    const java = parseServicesReply({
      responseStatus: JSON.parse(J_SUCCESS_STATUS),
      services: [{ serviceId: 'demo.hello', instances: [example] }],
      version: 1550800000123,
    });
    const rust = parseServicesReply({ responseStatus: JSON.parse(R_SUCCESS_STATUS), services: [] });
    expect(java.version).toBe(1550800000123);
    expect(java.services[0]?.instances).toHaveLength(1);
    expect(rust.version).toBeUndefined();
    expect(rust.services).toEqual([]);
  });

  it('reads a J lookup with one empty service per unknown config', () => {
    const reply = parseLookupReply({
      responseStatus: JSON.parse(J_SUCCESS_STATUS),
      services: [
        { serviceId: 'demo.hello', instances: [example] },
        { serviceId: 'demo.other', instances: null },
      ],
    });
    expect(reply.services.map(service => service.instances.length)).toEqual([1, 0]);
  });

  it('reads services null as an empty list', () => {
    const reply = parseLookupReply({
      responseStatus: JSON.parse(J_SUCCESS_STATUS),
      services: null,
    });
    expect(reply.services).toEqual([]);
  });
});

describe('up-nodes replies', () => {
  it("flattens J's nested zone and keeps the url as written", () => {
    const reply = parseUpNodesReply(
      `{"nodes":[${J_NODE},{"url":"  "}],"responseStatus":${J_SUCCESS_STATUS}}`,
    );
    expect(reply.nodes).toEqual([
      { url: 'http://127.0.0.1:8080/artemis-service/', regionId: 'sha', zoneId: 'sha-z1' },
    ]);
  });

  it("reads J's no-nodes failure as an empty list, rejected", () => {
    const reply = parseUpNodesReply(J_NO_NODES);
    expect(reply.nodes).toEqual([]);
    expect(classifyReply(reply)).toEqual({
      kind: 'rejected',
      errorCode: 'data-not-found',
      message: 'No available service nodes.',
    });
  });

  it("reads R's flat node shape", () => {
    const reply = parseUpNodesReply({
      responseStatus: { errorCode: 'success' },
      nodes: [{ nodeId: 'n1', url: 'http://10.0.0.1:8080', regionId: 'r', zoneId: 'z' }],
    });
    expect(reply.nodes).toEqual([{ url: 'http://10.0.0.1:8080', regionId: 'r', zoneId: 'z' }]);
  });
});
