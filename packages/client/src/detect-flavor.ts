import type { AddressManager } from '@artemis/address';
import { redactUrl } from '@artemis/config';
import type { ArtemisHttpClient } from '@artemis/http-retry';
import { REST_PATHS, throwIfAborted } from '@artemis/protocol';
import type { Flavor } from '@artemis/protocol';

import { FlavorDetectionError } from './errors.js';

/** What a probe found, and where. */
export interface DetectedFlavor {
  flavor: Flavor;
  /** The server that answered the probe (credentials removed). */
  url: string;
}

/**
 * Asks the cluster which server line it runs. The Rust server answers `GET {base}/health` with the
 * plain text `OK`; the Java server has no such route (404, or whatever a framework in front of it
 * serves there). A 5xx or a failure marks that node down and asks the next one, once per node.
 */
export async function detectFlavor(
  http: Pick<ArtemisHttpClient, 'get'>,
  addresses: Pick<AddressManager, 'current' | 'markDown' | 'snapshot'>,
  signal?: AbortSignal,
): Promise<DetectedFlavor> {
  const attempts = Math.max(1, addresses.snapshot().length);
  let lastFailure: unknown;

  for (let attempt = 0; attempt < attempts; attempt++) {
    throwIfAborted(signal);
    // The GET goes to the current address; remember it to mark it down if it cannot tell.
    const url = addresses.current();
    try {
      const reply = await http.get(REST_PATHS.health, { operation: 'detect-flavor', signal });
      const flavor = flavorOfHealthReply(reply.status, reply.text);
      if (flavor) return { flavor, url: redactUrl(reply.url) };

      lastFailure = new Error(`the health check answered HTTP ${reply.status}`);
    } catch (error) {
      throwIfAborted(signal);
      lastFailure = error;
    }
    addresses.markDown(url, 'flavor probe failed');
  }

  throw new FlavorDetectionError(
    `could not detect the server flavour after asking ${attempts} node(s); set flavor to 'java' or 'rust' to skip detection`,
    { cause: lastFailure },
  );
}

/** The flavour a `GET /health` reply reveals, or undefined when the node could not answer. */
export function flavorOfHealthReply(status: number, text: string): Flavor | undefined {
  if (status >= 500) return undefined;
  return status === 200 && text.trim() === 'OK' ? 'rust' : 'java';
}
