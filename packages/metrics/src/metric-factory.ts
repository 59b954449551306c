import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

import { MetricConflictError } from './errors.js';

/** What a metric is called, says and is labelled with. */
export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
}

/** Label values of one series; an empty object for a metric without labels. */
export type SeriesLabels<L extends string> = Partial<Record<L, string>>;

/** Reports one value for one series of a scrape-time gauge. */
export type GaugeEmit<L extends string> = (labels: SeriesLabels<L>, value: number) => void;

/** Adds its values to a gauge at scrape time. */
export type GaugeProvider<L extends string> = (emit: GaugeEmit<L>) => void;

/**
 * How values reported for the same series are combined: summed (counts, such as instances), or
 * the largest kept (ages and flags, where a sum would mean nothing).
 */
export type GaugeAggregation = 'sum' | 'max';

/**
 * A gauge whose value is computed at scrape time from every provider attached to it. The set of
 * providers lives on the gauge itself under a `Symbol.for` key, so every `ArtemisMetrics` that
 * shares the gauge (even one from a second installed copy of this package) feeds the same value.
 */
export interface CollectedGauge<L extends string> {
  gauge: Gauge<L>;
  providers: Set<GaugeProvider<L>>;
}

const PROVIDERS = Symbol.for('@artemis/metrics.gauge-providers');

type WithProviders<L extends string> = Gauge<L> & { [PROVIDERS]?: Set<GaugeProvider<L>> };

export function counterOn<L extends string>(registry: Registry, spec: MetricSpec<L>): Counter<L> {
  return reuseOrCreate(
    registry,
    spec,
    'counter',
    () => new Counter({ ...spec, registers: [registry] }),
  );
}

export function histogramOn<L extends string>(
  registry: Registry,
  spec: MetricSpec<L> & { buckets: number[] },
): Histogram<L> {
  return reuseOrCreate(
    registry,
    spec,
    'histogram',
    () => new Histogram({ ...spec, registers: [registry] }),
  );
}

export function collectedGaugeOn<L extends string>(
  registry: Registry,
  spec: MetricSpec<L> & { aggregation: GaugeAggregation },
): CollectedGauge<L> {
  const { aggregation, ...metricSpec } = spec;
  const gauge: WithProviders<L> = reuseOrCreate(registry, metricSpec, 'gauge', () => {
    const created: WithProviders<L> = new Gauge<L>({
      ...metricSpec,
      registers: [registry],
      collect() {
        // Recomputed from scratch on every scrape, so a detached source leaves no stale series.
        this.reset();
        const series = collectSeries(created[PROVIDERS] ?? [], aggregation);
        for (const { labels, value } of series) this.set(labels, value);
      },
    });
    Object.defineProperty(created, PROVIDERS, { value: new Set<GaugeProvider<L>>() });
    return created;
  });

  const providers = gauge[PROVIDERS];
  if (!providers)
    throw new MetricConflictError(spec.name, 'it is not a scrape-time gauge of this SDK');
  return { gauge, providers };
}

function collectSeries<L extends string>(
  providers: Iterable<GaugeProvider<L>>,
  aggregation: GaugeAggregation,
): Iterable<{ labels: SeriesLabels<L>; value: number }> {
  const series = new Map<string, { labels: SeriesLabels<L>; value: number }>();
  const emit: GaugeEmit<L> = (labels, value) => {
    const key = JSON.stringify(Object.entries(labels).sort());
    const existing = series.get(key);
    if (!existing) series.set(key, { labels, value });
    else if (aggregation === 'sum') existing.value += value;
    else existing.value = Math.max(existing.value, value);
  };
  for (const provide of providers) provide(emit);
  return series.values();
}

function reuseOrCreate<L extends string, M>(
  registry: Registry,
  spec: MetricSpec<L>,
  type: 'counter' | 'gauge' | 'histogram',
  create: () => M,
): M {
  const existing = registry.getSingleMetric(spec.name) as unknown as
    { type?: unknown; labelNames?: unknown } | undefined;
  if (!existing) return create();

  if (existing.type !== type) {
    throw new MetricConflictError(spec.name, `it is a ${String(existing.type)}, not a ${type}`);
  }
  if (!sameLabels(existing.labelNames, spec.labelNames)) {
    throw new MetricConflictError(
      spec.name,
      `its labels differ from ${spec.labelNames.join(', ')}`,
    );
  }
  return existing as M;
}

function sameLabels(actual: unknown, expected: readonly string[]): boolean {
  if (!Array.isArray(actual) || actual.length !== expected.length) return false;
  const sorted = [...expected].sort();
  return [...actual].sort().every((name, index) => name === sorted[index]);
}
