// Kernel: errors, logging, events, abort and timing helpers shared by every package.
export {
  ArtemisAbortError,
  ArtemisError,
  ClientClosedError,
  deriveSignal,
  hasErrorCode,
  isArtemisError,
  onAbort,
  pause,
  silentLogger,
  sleep,
  systemClock,
  systemRandom,
  throwIfAborted,
  TimeoutReason,
  toSdkLogger,
  TypedEvents,
} from './kernel/index.js';
export type {
  ArtemisErrorOptions,
  Clock,
  ListenerErrorHandler,
  LogFields,
  LogMethod,
  Logger,
  RandomSource,
  SdkLogger,
  TimerHandle,
  TypedEventsOptions,
  Unsubscribe,
} from './kernel/index.js';

// Errors of the wire model.
export { InvalidInstanceError, InvalidReplyError, InvalidRequestError } from './errors.js';
export type { InvalidReplyErrorOptions } from './errors.js';

// Model.
export { FLAVORS } from './model/flavor.js';
export type { Flavor } from './model/flavor.js';
export { INSTANCE_STATUSES, instanceSchema } from './model/instance.js';
export type { Instance, InstanceStatus } from './model/instance.js';
export {
  registrationInstanceSchema,
  validateRegistrationInstance,
} from './model/registration-instance.js';
export type { RegistrationInstance } from './model/registration-instance.js';
export {
  instanceIdentity,
  instanceKeyOf,
  instanceKeySchema,
  serviceKey,
} from './model/instance-key.js';
export type { InstanceKey, InstanceKeySource } from './model/instance-key.js';
export { routeRuleSchema, serviceGroupSchema, serviceSchema } from './model/service.js';
export type { RouteRule, Service, ServiceGroup } from './model/service.js';
export { discoveryConfigSchema } from './model/discovery-config.js';
export type { DiscoveryConfig } from './model/discovery-config.js';
export { changeTimeSchema, parseRfc3339 } from './model/change-time.js';
export { CHANGE_TYPES, instanceChangeSchema } from './model/instance-change.js';
export type { ChangeType, InstanceChange } from './model/instance-change.js';
export { responseStatusSchema } from './model/response-status.js';
export type { ResponseStatus } from './model/response-status.js';
export { failedInstanceSchema } from './model/failed-instance.js';
export type { FailedInstance } from './model/failed-instance.js';
export { serviceNodeSchema } from './model/service-node.js';
export type { ServiceNode } from './model/service-node.js';

// Requests the SDK sends.
export {
  buildHeartbeatRequest,
  buildRegisterRequest,
  buildUnregisterRequest,
} from './requests/registry.js';
export type {
  RegisterRequest,
  RegistryBodyShape,
  RegistryKeysRequest,
} from './requests/registry.js';
export {
  buildGetServiceRequest,
  buildLookupRequest,
  buildServicesRequest,
} from './requests/discovery.js';
export type {
  GetServiceRequest,
  LookupRequest,
  OutgoingDiscoveryConfig,
  ServicesRequest,
} from './requests/discovery.js';
export { buildUpNodesRequest } from './requests/cluster.js';
export type { UpNodesRequest } from './requests/cluster.js';
export type { RequestContext } from './requests/context.js';

// Replies the SDK reads.
export {
  parseHeartbeatReply,
  parseRegisterReply,
  parseUnregisterReply,
  registryReplySchema,
} from './replies/registry.js';
export type {
  HeartbeatReply,
  RegisterReply,
  RegistryReply,
  UnregisterReply,
} from './replies/registry.js';
export {
  lookupReplySchema,
  parseLookupReply,
  parseServiceReply,
  parseServicesReply,
  serviceReplySchema,
  servicesReplySchema,
} from './replies/discovery.js';
export type { LookupReply, ServiceReply, ServicesReply } from './replies/discovery.js';
export { parseUpNodesReply, upNodesReplySchema } from './replies/cluster.js';
export type { UpNodesReply } from './replies/cluster.js';
export { classifyReply, isServiceNotFound } from './classify.js';
export type { ClassifiableReply, ReplyClassification, ReplyKind } from './classify.js';

// Paths and WebSocket frames.
export { joinUrl, REST_PATHS, toWebSocketUrl, WS_PATHS } from './paths.js';
export {
  buildJavaSubscribeFrame,
  JAVA_WS_MAX_FRAME_BYTES,
  parseJavaChangeFrame,
} from './frames/java.js';
export { buildRustFrame, parseRustServerFrame } from './frames/rust.js';
export type { RustClientFrame, RustServerFrame } from './frames/rust.js';

// Tolerant reading, for replies this package does not model.
export { decodeJson, stripNulls } from './json/decode.js';
export { parseWith } from './json/parse-with.js';
