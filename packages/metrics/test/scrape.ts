import type { Registry } from 'prom-client';

/**
 * The value of one sample in the registry's text exposition, by its exact series text, such as
 * `artemis_client_heartbeats_total{result="acknowledged"}`; undefined when there is no such line.
 */
export async function sample(registry: Registry, series: string): Promise<number | undefined> {
  const text = await registry.metrics();
  const line = text.split('\n').find(candidate => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every series line of one metric family (samples only, no HELP or TYPE). */
export async function seriesOf(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.metrics();
  return text
    .split('\n')
    .filter(line => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}
