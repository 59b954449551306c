import { inspect } from 'node:util';

import { AddressManager } from '@artemis/address';
import type { ArtemisOptions } from '@artemis/config';
import { ConfigStore } from '@artemis/config';
import { buildRegisterRequest, parseRegisterReply, REST_PATHS } from '@artemis/protocol';

import { ArtemisHttpClient } from '../src/http-client';
import type { ArtemisHttpClientOptions } from '../src/http-types';

/** Fast retries and short timeouts, so failure tests finish quickly. */
export const FAST: ArtemisOptions = {
  regionId: 'test',
  zoneId: 'test-z1',
  httpRetryIntervalMs: 5,
  httpRetryMaxDelayMs: 20,
  requestTimeoutMs: 1_000,
  connectTimeoutMs: 500,
  shutdownTimeoutMs: 500,
};

/** What a test may hand the client besides the config. */
export type ClientExtras = Partial<
  Pick<ArtemisHttpClientOptions, 'logger' | 'random' | 'retryBudget' | 'maxResponseBytes'>
>;

/** A client over `serverUrls` with deterministic address order. */
export function clientFor(
  serverUrls: readonly string[],
  options: ArtemisOptions = {},
  extras: ClientExtras = {},
) {
  const config = new ConfigStore({ ...FAST, ...options, serverUrls: [...serverUrls] }, {});
  const addresses = new AddressManager({
    side: 'registry',
    config,
    deterministicOrder: true,
    logger: extras.logger,
  });
  const http = new ArtemisHttpClient({ side: 'registry', addresses, config, ...extras });
  const close = async (): Promise<void> => {
    await http.close();
    await addresses.close();
  };
  return { config, addresses, http, close };
}

let counter = 0;

/** A valid instance for the emulator's region and zone. */
export function instance(serviceId = 'svc') {
  counter += 1;
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId,
    instanceId: `i-${counter}`,
    ip: '127.0.0.1',
    port: 9000 + counter,
    url: `http://127.0.0.1:${9000 + counter}`,
    status: 'up' as const,
  };
}

/** Registers one instance through `http`. */
export function register(http: ArtemisHttpClient, signal?: AbortSignal) {
  return http.post(REST_PATHS.register, buildRegisterRequest([instance()]), {
    operation: 'register',
    parse: parseRegisterReply,
    signal,
  });
}

/** Requests to `register.json` in a node's log. */
export function registerCalls(node: { requests: readonly { path: string }[] }): number {
  return node.requests.filter(request => request.path.endsWith(REST_PATHS.register)).length;
}

/** A logger that keeps every line, fields included, as text. */
export function recordingLogger() {
  const lines: string[] = [];
  const method =
    (level: string) =>
    (fieldsOrMessage: unknown, message?: string): void => {
      lines.push(`${level} ${inspect(fieldsOrMessage, { depth: 6 })} ${message ?? ''}`);
    };
  return {
    lines,
    logger: {
      debug: method('debug'),
      info: method('info'),
      warn: method('warn'),
      error: method('error'),
    },
  };
}

/** Resolves with what `promise` rejected with; fails the test if it resolved. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}
