import type { RegistrationInstance } from '@artemis/protocol';

/** A valid instance of `demo.hello` for unit tests, which never reach a server. */
export function sampleInstance(
  instanceId: string,
  extra: Partial<RegistrationInstance> = {},
): RegistrationInstance {
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId: 'demo.hello',
    instanceId,
    ip: '10.0.0.1',
    port: 8080,
    url: `http://10.0.0.1:8080/${instanceId}`,
    status: 'up',
    ...extra,
  };
}
