import type { ArtemisHttpClient } from '@artemis/http-retry';
import {
  buildGetServiceRequest,
  buildLookupRequest,
  InvalidReplyError,
  isServiceNotFound,
  parseLookupReply,
  parseServiceReply,
  REST_PATHS,
  serviceKey,
} from '@artemis/protocol';
import type {
  DiscoveryConfig,
  LookupReply,
  ReplyClassification,
  RequestContext,
  Service,
  ServiceReply,
} from '@artemis/protocol';

import { DiscoveryRejectedError, PartialLookupError } from '../errors.js';
import type { DiscoveryTransport } from '../ports.js';
import { FlavorResolver } from './flavor-source.js';
import type { DiscoveryFlavorSource } from './flavor-source.js';

/** Options of {@link HttpDiscoveryTransport}. */
export interface HttpDiscoveryTransportOptions {
  /** The discovery-side HTTP client (its address manager picks the node and fails over). */
  http: Pick<ArtemisHttpClient, 'post'>;
  /** The client's region and zone, read at each call: a `ConfigStore` fits. */
  context: { readonly current: RequestContext };
  /** The server flavour, or a lazy detection of it. */
  flavor: DiscoveryFlavorSource;
}

/** A Java lookup reply, plus the services whose one-service lookup the server dropped. */
interface JavaLookupReply extends LookupReply {
  /** Keys of the services the server answered with `instances: null` (a failed lookup). */
  dropped: Set<string>;
}

/**
 * Fetches services over HTTP, the way each server line wants it (PROTOCOL 3.4, 3.7, 9.1):
 * `service.json` for one service on both; for a batch, one `lookup.json` on Java and one
 * `service.json` per service, in parallel, on Rust. Every way a server says "no instances"
 * (PROTOCOL 9.2) comes back as an empty service.
 */
export class HttpDiscoveryTransport implements DiscoveryTransport {
  readonly #options: HttpDiscoveryTransportOptions;
  readonly #flavor: FlavorResolver;

  constructor(options: HttpDiscoveryTransportOptions) {
    this.#options = options;
    this.#flavor = new FlavorResolver(options.flavor);
  }

  async getService(config: DiscoveryConfig, signal: AbortSignal): Promise<Service> {
    const body = buildGetServiceRequest(config, this.#context());
    const { reply, classification } = await this.#options.http.post<ServiceReply>(
      REST_PATHS.service,
      body,
      { operation: 'get-service', parse: parseServiceReply, signal },
    );

    // Rust's "Service not found" and Java's `instances: null` both mean: no instances.
    if (isServiceNotFound(reply)) return emptyService(config);
    assertAccepted(classification, config.serviceId);
    if (!reply.service) return emptyService(config);

    assertSameService(reply.service, config);
    return reply.service;
  }

  async getServices(configs: readonly DiscoveryConfig[], signal: AbortSignal): Promise<Service[]> {
    if (configs.length === 0) return [];

    const flavor = await this.#flavor.resolve();
    if (flavor === 'rust') return this.#getEach(configs, [], signal);
    return this.#lookup(configs, signal);
  }

  /** Java's batch: one lookup, then `service.json` for whatever the lookup quietly dropped. */
  async #lookup(configs: readonly DiscoveryConfig[], signal: AbortSignal): Promise<Service[]> {
    const body = buildLookupRequest(configs, this.#context());
    const { reply, classification } = await this.#options.http.post<JavaLookupReply>(
      REST_PATHS.lookup,
      body,
      { operation: 'lookup', parse: parseJavaLookupReply, signal },
    );
    assertAccepted(classification, configs.map(config => config.serviceId).join(', '));

    const answered = new Map<string, Service>();
    for (const service of reply.services) {
      const key = serviceKey(service.serviceId);
      if (!reply.dropped.has(key)) answered.set(key, service);
    }

    // The Java server replaces a failed one-service lookup (no permission, node not up) with an
    // empty service and still says success. Asking `service.json` for those gives the real
    // answer: an error that fails over to another node, or a typed rejection.
    const found: Service[] = [];
    const retry: DiscoveryConfig[] = [];
    for (const config of configs) {
      const service = answered.get(serviceKey(config.serviceId));
      if (service) found.push(service);
      else retry.push(config);
    }
    return retry.length === 0 ? found : this.#getEach(retry, found, signal);
  }

  /** One `service.json` per config, in parallel; some failing makes a `PartialLookupError`. */
  async #getEach(
    configs: readonly DiscoveryConfig[],
    alreadyFound: readonly Service[],
    signal: AbortSignal,
  ): Promise<Service[]> {
    const settled = await Promise.allSettled(
      configs.map(config => this.getService(config, signal)),
    );

    const services = [...alreadyFound];
    const failures = new Map<string, unknown>();
    settled.forEach((outcome, index) => {
      const serviceId = (configs[index] as DiscoveryConfig).serviceId;
      if (outcome.status === 'fulfilled') services.push(outcome.value);
      else failures.set(serviceId, outcome.reason);
    });

    if (failures.size === 0) return services;
    if (services.length === 0 && failures.size === 1) throw failures.values().next().value;
    throw new PartialLookupError(services, failures);
  }

  #context(): RequestContext {
    const { regionId, zoneId } = this.#options.context.current;
    return { regionId, zoneId };
  }
}

function emptyService(config: DiscoveryConfig): Service {
  return { serviceId: config.serviceId, instances: [] };
}

/** Success and partial replies carry data; a rejection becomes a typed error. */
function assertAccepted(classification: ReplyClassification, serviceIds: string): void {
  if (classification.kind === 'success' || classification.kind === 'partial') return;

  const { errorCode, message } = classification;
  throw new DiscoveryRejectedError(serviceIds, errorCode, message);
}

/** A reply about another service than the one asked for is a bad reply, not data to cache. */
function assertSameService(service: Service, config: DiscoveryConfig): void {
  if (serviceKey(service.serviceId) === serviceKey(config.serviceId)) return;

  throw new InvalidReplyError('service reply', {
    issues: [`asked for ${config.serviceId}, got ${service.serviceId}`.slice(0, 160)],
  });
}

/**
 * Reads a Java lookup reply and notes the services whose `instances` is null: the server writes
 * that only for a one-service lookup that failed, never for a service it merely has no instance
 * of (those come back as `[]`, PROTOCOL 3.7). Parsing alone would read both as empty.
 */
function parseJavaLookupReply(json: unknown): JavaLookupReply {
  const reply = parseLookupReply(json);
  const dropped = new Set<string>();
  const raw = (json as { services?: unknown }).services;
  if (Array.isArray(raw)) {
    for (const item of raw as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { serviceId, instances } = item as { serviceId?: unknown; instances?: unknown };
      if (typeof serviceId === 'string' && instances == null) dropped.add(serviceKey(serviceId));
    }
  }
  return { ...reply, dropped };
}
