// Bodies copied from PROTOCOL.md, as the text a server writes. Section numbers say where from.

/** 2.1: an instance both servers accept. */
export const EXAMPLE_INSTANCE = `{"regionId":"sha","zoneId":"sha-z1","serviceId":"demo.hello","instanceId":"10.0.0.5:8080",
 "ip":"10.0.0.5","port":8080,"protocol":"http","url":"http://10.0.0.5:8080/hello",
 "healthCheckUrl":"http://10.0.0.5:8080/health","status":"up","metadata":{"version":"1.2.0"}}`;

/** 1.4: the two envelope shapes. */
export const J_SUCCESS_STATUS = `{"errorCode": "success", "message": "", "status": "success"}`;
export const R_SUCCESS_STATUS = `{"errorCode": "success"}`;
export const R_BAD_REQUEST_STATUS = `{"errorCode": "bad-request", "errorMessage": "Some heartbeats failed"}`;

/** 2.4: the J client's subscribe message, nulls included. */
export const J_SUBSCRIBE_WITH_NULLS = `{"discoveryData":null,"regionId":null,"serviceId":"demo.hello","zoneId":null}`;

/** 2.5: a J push frame. */
export const J_PUSH_FRAME = `{"changeTime":1550800000123,"changeType":"delete","instance":{"groupId":null,"healthCheckUrl":null,
 "instanceId":"10.0.0.5:8080","ip":"10.0.0.5","machineName":null,"metadata":null,"port":8080,
 "protocol":"http","regionId":"sha","serviceId":"demo.hello","status":"up",
 "url":"http://10.0.0.5:8080/hello","zoneId":"sha-z1"}}`;

/** 3.1: J's rate-limited register reply. */
export const J_RATE_LIMITED = `{"failedInstances":null,"responseStatus":{"errorCode":"rate-limited","message":"Request is rate limited.","status":"fail"}}`;

/** 3.1: J's register success. */
export const J_REGISTER_SUCCESS = `{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}`;

/** 3.1: R's register reply, always. */
export const R_REGISTER_SUCCESS = `{"responseStatus":{"errorCode":"success"}}`;

/**
 * 3.2: J's reply for an unknown instance. PROTOCOL.md elides the instance ("…the instance as
 * sent…"); the example instance of 2.1 stands in for it.
 */
export const J_HEARTBEAT_PARTIAL = `{"failedInstances":[{"errorCode":"data-not-found",
  "errorMessage":"sha/sha-z1/demo.hello/10.0.0.5:8080: Instance is not exising! Need re-register.",
  "instance":${EXAMPLE_INSTANCE}}],
 "responseStatus":{"errorCode":"partial_fail","message":"","status":"partial_fail"}}`;

/** 3.2: R's heartbeat body. */
export const R_HEARTBEAT_BODY = `{"instanceKeys":[{"regionId":"sha","zoneId":"sha-z1","serviceId":"demo.hello","groupId":"","instanceId":"10.0.0.5:8080"}]}`;

/** 3.2: R's heartbeat replies; the key list filled with the key of the body above. */
export const R_HEARTBEAT_SUCCESS = `{"responseStatus":{"errorCode":"success"}}`;
export const R_HEARTBEAT_FAILED = `{"responseStatus":{"errorCode":"bad-request","errorMessage":"Some heartbeats failed"},"failedInstanceKeys":[{"regionId":"sha","zoneId":"sha-z1","serviceId":"demo.hello","groupId":"","instanceId":"10.0.0.5:8080"}]}`;

/** 3.4: J's GetServiceRequest and the body both servers accept. */
export const J_GET_SERVICE_BODY = `{"discoveryConfig":{"serviceId":"demo.hello"},"regionId":"sha","zoneId":"sha-z1"}`;
export const DUAL_GET_SERVICE_BODY = `{"discoveryConfig":{"serviceId":"demo.hello","regionId":"sha","zoneId":"sha-z1"},"regionId":"sha","zoneId":"sha-z1"}`;

/** 3.4: J's reply for an unknown service (envelope from 1.4's J success). */
export const J_UNKNOWN_SERVICE = `{"responseStatus":{"errorCode":"success","message":"","status":"success"},"service":{"instances":null,"logicInstances":null,"metadata":null,"routeRules":null,"serviceId":"demo.unknown"}}`;

/** 3.4: R's reply for an unknown service. */
export const R_SERVICE_NOT_FOUND = `{"responseStatus":{"errorCode":"bad-request","errorMessage":"Service not found: demo.unknown"}}`;

/** 3.7: J's lookup body. */
export const J_LOOKUP_BODY = `{"discoveryConfigs":[{"serviceId":"demo.hello"},{"serviceId":"demo.other"}],"regionId":"sha","zoneId":"sha-z1"}`;

/** 3.7: R's lookup replies (a different operation, with a different envelope). */
export const R_LOOKUP_NOT_FOUND = `{"success":false,"message":"Service not found: demo.hello"}`;

/** 3.8: J's up-nodes failure and a node as 2.7 shows it. */
export const J_NO_NODES = `{"nodes":null,"responseStatus":{"errorCode":"data-not-found","message":"No available service nodes.","status":"fail"}}`;
export const J_NODE = `{"url": "http://127.0.0.1:8080/artemis-service/", "zone": {"metadata": null, "regionId": "sha", "zoneId": "sha-z1"}}`;

/** 4.1.3: the fixed reply of J's heartbeat socket to a frame it cannot read. */
export const J_WS_HEARTBEAT_FIXED = `{"failedInstances":null,"responseStatus":{"errorCode":"success","message":"","status":"success"}}`;

/** 4.2.2 and 4.2.3: R's WebSocket frames. */
export const R_CLIENT_FRAMES = [
  `{"type":"subscribe","service_id":"demo.hello"}`,
  `{"type":"unsubscribe","service_id":"demo.hello"}`,
  `{"type":"ping"}`,
];
export const R_SUBSCRIBED = `{"type":"subscribed","service_id":"demo.hello"}`;
export const R_UNSUBSCRIBED = `{"type":"unsubscribed","service_id":"demo.hello"}`;
export const R_PONG = `{"type":"pong"}`;
export const R_ERROR = `{"type":"error","message":"<serde error text>"}`;

/** 1.2: chrono's RFC 3339 change time. */
export const R_CHANGE_TIME = '2026-03-08T05:34:03.123456789Z';
