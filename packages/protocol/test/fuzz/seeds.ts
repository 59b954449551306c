import {
  EXAMPLE_INSTANCE,
  J_HEARTBEAT_PARTIAL,
  J_NODE,
  J_NO_NODES,
  J_PUSH_FRAME,
  J_RATE_LIMITED,
  J_REGISTER_SUCCESS,
  J_SUCCESS_STATUS,
  J_UNKNOWN_SERVICE,
  J_WS_HEARTBEAT_FIXED,
  R_CHANGE_TIME,
  R_ERROR,
  R_HEARTBEAT_FAILED,
  R_PONG,
  R_REGISTER_SUCCESS,
  R_SERVICE_NOT_FOUND,
  R_SUBSCRIBED,
  R_SUCCESS_STATUS,
  R_UNSUBSCRIBED,
} from '../fixtures.js';

/** Which parser family a valid body belongs to. */
export type ParserFamily =
  'registry' | 'service' | 'services' | 'up-nodes' | 'java-frame' | 'rust-frame';

/** A valid body, as a server writes it, to start mutations from. */
export interface Seed {
  label: string;
  family: ParserFamily;
  text: string;
}

// A Rust change: the example instance with R's RFC 3339 time.
const R_CHANGE = `{"instance":${EXAMPLE_INSTANCE},"changeType":"new","changeTime":"${R_CHANGE_TIME}"}`;

// Bodies composed from the PROTOCOL.md examples in fixtures.ts, where a section shows the shape
// but no whole body.
const J_SERVICE = `{"responseStatus":${J_SUCCESS_STATUS},"service":{"serviceId":"demo.hello","instances":[${EXAMPLE_INSTANCE}],"metadata":null,"logicInstances":null,"routeRules":[{"routeId":"r1","strategy":"weighted-round-robin","groups":[{"groupKey":"g","weight":10,"instanceIds":["10.0.0.5:8080"],"instances":[${EXAMPLE_INSTANCE}],"metadata":{"k":"v"}}]}]}}`;
const R_SERVICE = `{"responseStatus":${R_SUCCESS_STATUS},"service":{"serviceId":"demo.hello","instances":[${EXAMPLE_INSTANCE}]}}`;
const J_SERVICES = `{"responseStatus":${J_SUCCESS_STATUS},"services":[{"serviceId":"demo.hello","instances":[${EXAMPLE_INSTANCE}]}],"version":1550800000123}`;
const J_UP_NODES = `{"nodes":[${J_NODE},{"url":"http://127.0.0.2:8080/","regionId":"sha","zoneId":"sha-z2"}],"responseStatus":${J_SUCCESS_STATUS}}`;
const R_SERVICE_CHANGE = `{"type":"service_change","service_id":"demo.hello","changes":[${R_CHANGE}]}`;

/** Every valid body, each with the family of parsers that must accept it. */
export const SEEDS: readonly Seed[] = [
  { label: 'J register success', family: 'registry', text: J_REGISTER_SUCCESS },
  { label: 'J rate limited', family: 'registry', text: J_RATE_LIMITED },
  { label: 'J heartbeat partial', family: 'registry', text: J_HEARTBEAT_PARTIAL },
  { label: 'J heartbeat socket reply', family: 'registry', text: J_WS_HEARTBEAT_FIXED },
  { label: 'R register success', family: 'registry', text: R_REGISTER_SUCCESS },
  { label: 'R heartbeat failed keys', family: 'registry', text: R_HEARTBEAT_FAILED },
  { label: 'J service', family: 'service', text: J_SERVICE },
  { label: 'J unknown service', family: 'service', text: J_UNKNOWN_SERVICE },
  { label: 'R service', family: 'service', text: R_SERVICE },
  { label: 'R service not found', family: 'service', text: R_SERVICE_NOT_FOUND },
  { label: 'J services', family: 'services', text: J_SERVICES },
  { label: 'J up-nodes', family: 'up-nodes', text: J_UP_NODES },
  { label: 'J no nodes', family: 'up-nodes', text: J_NO_NODES },
  { label: 'J push frame', family: 'java-frame', text: J_PUSH_FRAME },
  { label: 'R change as a J frame', family: 'java-frame', text: R_CHANGE },
  { label: 'R subscribed', family: 'rust-frame', text: R_SUBSCRIBED },
  { label: 'R unsubscribed', family: 'rust-frame', text: R_UNSUBSCRIBED },
  { label: 'R pong', family: 'rust-frame', text: R_PONG },
  { label: 'R error', family: 'rust-frame', text: R_ERROR },
  { label: 'R service change', family: 'rust-frame', text: R_SERVICE_CHANGE },
];
