import type { ArtemisOptions } from './options.js';

/** The environment variables read, and the option each one sets. */
export const ENV_VARIABLES = Object.freeze({
  ARTEMIS_SERVER_URLS: 'serverUrls',
  ARTEMIS_REGION_ID: 'regionId',
  ARTEMIS_ZONE_ID: 'zoneId',
  ARTEMIS_FLAVOR: 'flavor',
} as const);

/** The name of an environment variable that `resolveConfig` reads. */
export type ArtemisEnvVariable = keyof typeof ENV_VARIABLES;

type EnvOptionName = (typeof ENV_VARIABLES)[ArtemisEnvVariable];

/** The options the environment supplies, and which variable supplied each. */
export interface EnvOptions {
  options: Pick<ArtemisOptions, EnvOptionName>;
  sources: Map<string, ArtemisEnvVariable>;
}

/**
 * Reads the `ARTEMIS_*` variables for the options the caller left unset; explicit options win.
 * Values are trimmed, and a variable that is empty or only spaces counts as unset. The values
 * are validated later with the options, and their issues name the variable.
 */
export function readEnvOptions(
  explicit: ArtemisOptions,
  env: Readonly<Record<string, string | undefined>>,
): EnvOptions {
  const options: Record<string, unknown> = {};
  const sources = new Map<string, ArtemisEnvVariable>();

  for (const [variable, option] of Object.entries(ENV_VARIABLES) as [
    ArtemisEnvVariable,
    EnvOptionName,
  ][]) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '' || explicit[option] !== undefined) continue;

    options[option] = parseEnvValue(option, raw);
    sources.set(option, variable);
  }

  return { options, sources };
}

function parseEnvValue(option: EnvOptionName, raw: string): unknown {
  if (option === 'serverUrls') {
    return raw
      .split(',')
      .map(entry => entry.trim())
      .filter(entry => entry !== '');
  }
  return option === 'flavor' ? raw.toLowerCase() : raw;
}
