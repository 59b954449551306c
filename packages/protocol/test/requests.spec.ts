import {
  buildGetServiceRequest,
  buildHeartbeatRequest,
  buildLookupRequest,
  buildRegisterRequest,
  buildServicesRequest,
  buildUnregisterRequest,
  buildUpNodesRequest,
  InvalidInstanceError,
  InvalidRequestError,
} from '../src/index.js';

import {
  DUAL_GET_SERVICE_BODY,
  EXAMPLE_INSTANCE,
  J_GET_SERVICE_BODY,
  J_LOOKUP_BODY,
  R_HEARTBEAT_BODY,
} from './fixtures.js';
import { catchError } from './helpers.js';

const example = JSON.parse(EXAMPLE_INSTANCE) as Record<string, unknown>;
const context = { regionId: 'sha', zoneId: 'sha-z1' };

describe('registry requests', () => {
  it('builds the register body of the example instance unchanged', () => {
    expect(buildRegisterRequest([example])).toEqual({ instances: [example] });
  });

  it("builds R's heartbeat body exactly as PROTOCOL 3.2 shows it", () => {
    expect(buildHeartbeatRequest([example], 'rust')).toEqual(JSON.parse(R_HEARTBEAT_BODY));
  });

  it("builds J's heartbeat body with full instances", () => {
    expect(buildHeartbeatRequest([example], 'java')).toEqual({ instances: [example] });
  });

  it('builds the dual unregister body with both lists, keys derived as R does', () => {
    const body = buildUnregisterRequest([{ ...example, serviceId: 'Demo.Hello' }], 'dual');
    expect(body.instances?.[0]?.serviceId).toBe('Demo.Hello');
    expect(body.instanceKeys?.[0]?.serviceId).toBe('demo.hello');
    expect(body.instanceKeys?.[0]?.groupId).toBe('');
  });

  it('never sends a null: optional nulls are left out', () => {
    const body = buildRegisterRequest([{ ...example, groupId: null, machineName: null }]);
    expect(JSON.stringify(body)).not.toContain('null');
  });

  it('names every bad field of every instance of a batch', () => {
    const error = catchError(() =>
      buildHeartbeatRequest(
        [example, { ...example, ip: null }, { ...example, status: 'UP' }],
        'dual',
      ),
    );
    expect(error).toBeInstanceOf(InvalidInstanceError);
    expect((error as InvalidInstanceError).missing).toEqual([
      'instances[1].ip',
      'instances[2].status',
    ]);
  });
});

describe('discovery requests', () => {
  it('builds the dual service.json body of PROTOCOL 3.4 from J-style input', () => {
    const javaBody = JSON.parse(J_GET_SERVICE_BODY) as { discoveryConfig: { serviceId: string } };
    expect(buildGetServiceRequest(javaBody.discoveryConfig, context)).toEqual(
      JSON.parse(DUAL_GET_SERVICE_BODY),
    );
  });

  it("keeps the config's own region and its discoveryData", () => {
    const body = buildGetServiceRequest(
      { serviceId: 's', regionId: 'other', discoveryData: { appid: '1' } },
      context,
    );
    expect(body.discoveryConfig).toEqual({
      serviceId: 's',
      regionId: 'other',
      zoneId: 'sha-z1',
      discoveryData: { appid: '1' },
    });
  });

  it("builds J's lookup body with region and zone filled into each config", () => {
    const expected = JSON.parse(J_LOOKUP_BODY) as {
      discoveryConfigs: Array<{ serviceId: string }>;
    };
    const body = buildLookupRequest(expected.discoveryConfigs, context);
    expect(body).toEqual({
      ...expected,
      discoveryConfigs: expected.discoveryConfigs.map(config => ({ ...config, ...context })),
    });
  });

  it('builds the services and up-nodes bodies', () => {
    expect(buildServicesRequest(context)).toEqual(context);
    expect(buildUpNodesRequest(context)).toEqual(context);
  });

  it('refuses an empty serviceId or an empty context field', () => {
    const noService = catchError(() =>
      buildLookupRequest([{ serviceId: 'a' }, { serviceId: ' ' }], context),
    );
    expect(noService).toBeInstanceOf(InvalidRequestError);
    expect((noService as InvalidRequestError).fields).toEqual(['discoveryConfigs[1].serviceId']);

    const noZone = catchError(() => buildServicesRequest({ regionId: 'sha', zoneId: '' }));
    expect((noZone as InvalidRequestError).code).toBe('ARTEMIS_INVALID_REQUEST');
    expect((noZone as InvalidRequestError).fields).toEqual(['zoneId']);
  });
});
