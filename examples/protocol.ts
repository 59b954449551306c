// @artemis/protocol on its own: build a request both servers accept, send it with any HTTP
// client (here Node's fetch), read the reply tolerantly and classify it.
import {
  buildHeartbeatRequest,
  buildRegisterRequest,
  classifyReply,
  instanceKeyOf,
  InvalidInstanceError,
  joinUrl,
  parseRegisterReply,
  parseServiceReply,
  REST_PATHS,
} from '@artemis/protocol';

export interface ProtocolResult {
  registerReply: string;
  heartbeatBodies: { java: string[]; rust: string[] };
  rustKey: { serviceId: string; groupId: string };
  javaUnknownServiceInstances: number;
  badFields: readonly string[];
}

export async function protocolExample(
  serverUrl: string,
  regionId = 'test',
  zoneId = 'test-z1',
): Promise<ProtocolResult> {
  const instance = {
    regionId,
    zoneId,
    serviceId: 'Billing', // keys use the lowercased id, requests send it as given
    instanceId: 'billing-1',
    ip: '127.0.0.1',
    port: 4001,
    url: 'http://127.0.0.1:4001',
    status: 'up',
  };

  // Requests are validated and carry no nulls. joinUrl keeps a context path such as /artemis.
  const response = await fetch(joinUrl(serverUrl, REST_PATHS.register), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(buildRegisterRequest([instance])),
  });
  const reply = parseRegisterReply(await response.text());

  // A heartbeat carries full instances for Java servers and instance keys for Rust servers.
  const heartbeatBodies = {
    java: Object.keys(buildHeartbeatRequest([instance], 'java')),
    rust: Object.keys(buildHeartbeatRequest([instance], 'rust')),
  };
  const { serviceId, groupId } = instanceKeyOf(instance);

  // Java answers an unknown service with `instances: null`: read as a service with no instances.
  const javaUnknown = parseServiceReply(
    '{"responseStatus":{"status":"success","errorCode":"success"},"service":{"serviceId":"x","instances":null}}',
  );

  let badFields: readonly string[] = [];
  try {
    buildRegisterRequest([{ ...instance, url: '', port: 70_000 }]);
  } catch (error) {
    if (!(error instanceof InvalidInstanceError)) throw error;
    badFields = error.missing;
  }

  return {
    registerReply: classifyReply(reply).kind,
    heartbeatBodies,
    rustKey: { serviceId, groupId },
    javaUnknownServiceInstances: javaUnknown.service?.instances.length ?? -1,
    badFields,
  };
}
