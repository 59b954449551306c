import { parseWith } from '../json/parse-with.js';
import type { DiscoveryConfig } from '../model/discovery-config.js';
import { instanceChangeSchema } from '../model/instance-change.js';
import type { InstanceChange } from '../model/instance-change.js';
import { InvalidRequestError } from '../errors.js';
import { isText } from '../requests/context.js';

/**
 * Tomcat's default limit on an incoming text message; a bigger frame closes the Java session
 * (PROTOCOL 4.1.2). Heartbeat batches should be split to stay below it.
 */
export const JAVA_WS_MAX_FRAME_BYTES = 8 * 1024;

/**
 * The subscribe frame of J's instance-change socket (PROTOCOL 4.1.4): the DiscoveryConfig as
 * JSON text, with absent fields left out instead of written as null. The server matches the
 * serviceId exactly, so it is sent as given. Throws `InvalidRequestError` on an empty serviceId.
 */
export function buildJavaSubscribeFrame(config: DiscoveryConfig): string {
  if (!isText(config?.serviceId)) {
    throw new InvalidRequestError('Invalid discovery config: serviceId is empty', ['serviceId']);
  }

  const frame: DiscoveryConfig = { serviceId: config.serviceId };
  if (isText(config.regionId)) frame.regionId = config.regionId;
  if (isText(config.zoneId)) frame.zoneId = config.zoneId;
  if (config.discoveryData) frame.discoveryData = { ...config.discoveryData };
  return JSON.stringify(frame);
}

/**
 * Reads a change pushed on J's instance-change socket (text, bytes or a decoded value).
 * `changeTime` comes out as epoch ms. Throws `InvalidReplyError`.
 */
export function parseJavaChangeFrame(data: unknown): InstanceChange {
  return parseWith(instanceChangeSchema, data, 'instance-change frame');
}
