import type { Logger } from '@artemis/protocol';
import type { Registry } from 'prom-client';

import { InvalidMetricsOptionsError } from './errors.js';

/** Options of {@link createArtemisMetrics}. */
export interface ArtemisMetricsOptions {
  /**
   * The prom-client registry to create the metrics on. The SDK never touches prom-client's global
   * registry; pass it here explicitly if that is where you want the metrics.
   * @default a new private `Registry`
   */
  registry?: Registry;
  /**
   * Prepended to every metric name; must be a valid Prometheus name prefix.
   * @default 'artemis_client_'
   */
  prefix?: string;
  /**
   * How many distinct service ids get their own series in the per-service metrics; later ones
   * are labelled `other`, so a client that looks up many services cannot grow memory without end.
   * @default 200
   */
  maxServiceLabels?: number;
  /** Where problems are reported (a failing source at scrape time, a label cap reached). @default silent */
  logger?: Logger;
}

const PREFIX = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export interface ResolvedMetricsOptions {
  prefix: string;
  maxServiceLabels: number;
}

export function resolveMetricsOptions(options: ArtemisMetricsOptions): ResolvedMetricsOptions {
  const prefix = options.prefix ?? 'artemis_client_';
  if (!PREFIX.test(prefix)) {
    throw new InvalidMetricsOptionsError(
      'prefix',
      'use letters, digits, _ and :, not starting with a digit',
    );
  }

  const maxServiceLabels = options.maxServiceLabels ?? 200;
  if (!Number.isInteger(maxServiceLabels) || maxServiceLabels < 1 || maxServiceLabels > 10_000) {
    throw new InvalidMetricsOptionsError('maxServiceLabels', 'use an integer from 1 to 10000');
  }

  return { prefix, maxServiceLabels };
}
