import type { z } from 'zod';

import { applyDefaults, resolveTls } from './apply-defaults.js';
import type { ConfigIssue } from './config-error.js';
import { ConfigError } from './config-error.js';
import { checkCrossFieldRules } from './cross-field-rules.js';
import { deepFreeze } from './deep-freeze.js';
import type { ArtemisEnvVariable } from './env-options.js';
import { readEnvOptions } from './env-options.js';
import type { ArtemisConfig, ArtemisOptions } from './options.js';
import { OPTION_NAMES, optionsSchema, TLS_OPTION_NAMES } from './options-schema.js';
import { unknownOptionMessage } from './unknown-option.js';

/** The environment shape `resolveConfig` reads; `process.env` fits. */
export type ArtemisEnv = Readonly<Record<string, string | undefined>>;

// The options (explicit and from the environment) behind each resolved config, so that a store
// built from a config can apply later updates exactly as if it had been given those options.
const optionsBehindConfig = new WeakMap<ArtemisConfig, ArtemisOptions>();

/**
 * Validates options into a deeply frozen, fully defaulted config. `ARTEMIS_SERVER_URLS`,
 * `ARTEMIS_REGION_ID`, `ARTEMIS_ZONE_ID` and `ARTEMIS_FLAVOR` fill the options left unset.
 *
 * @throws ConfigError naming every bad field (or environment variable); nothing is returned then.
 */
export function resolveConfig(
  options: ArtemisOptions,
  env: ArtemisEnv = process.env,
): ArtemisConfig {
  const explicit: unknown = options;
  const isObject = typeof explicit === 'object' && explicit !== null && !Array.isArray(explicit);
  const fromEnv = isObject
    ? readEnvOptions(options, env)
    : { options: {}, sources: new Map<string, ArtemisEnvVariable>() };
  // The environment only supplies options left unset, so spreading it last overrides nothing.
  const merged: unknown = isObject ? { ...options, ...fromEnv.options } : explicit;

  // Step 1: every field on its own.
  const parsed = optionsSchema.safeParse(merged);
  const issues = parsed.success ? [] : parsed.error.issues.flatMap(toConfigIssues);
  const badFields = new Set(issues.map(issue => topField(issue.path)));
  const renamed = issues.map(issue => nameEnvVariable(issue, fromEnv.sources));

  if (!isObject) throw new ConfigError(renamed);
  const values = merged as ArtemisOptions;
  if (values.serverUrls === undefined) {
    renamed.push({
      path: 'serverUrls',
      message: 'is required: give at least one server URL here or in ARTEMIS_SERVER_URLS',
    });
  }

  // Step 2: rules between fields, on the defaulted values, skipping fields already reported.
  // Parsed values carry normalised URLs; headers stay raw because a record parse drops odd keys.
  const usable = parsed.success ? { ...parsed.data, headers: values.headers } : values;
  const candidate = applyDefaults(withoutBadFields(usable, badFields));
  renamed.push(...checkCrossFieldRules(candidate, field => !badFields.has(field)));
  if (renamed.length > 0) throw new ConfigError(renamed);

  // Step 3: keep the source options for stores, and hand out a frozen config.
  const source = deepFreeze(applyCopies(usable));
  const config = deepFreeze(applyDefaults(source));
  optionsBehindConfig.set(config, source);
  return config;
}

/** The options a config was resolved from, or undefined for an object this module did not make. */
export function optionsBehind(config: ArtemisConfig): ArtemisOptions | undefined {
  return optionsBehindConfig.get(config);
}

function definedEntries(options: ArtemisOptions): ArtemisOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function withoutBadFields(options: ArtemisOptions, bad: ReadonlySet<string>): ArtemisOptions {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !bad.has(key)));
}

// Own copies of the containers, so that a caller changing its arrays later changes nothing here.
function applyCopies(options: ArtemisOptions): ArtemisOptions {
  return {
    ...definedEntries(options),
    ...(options.serverUrls === undefined ? {} : { serverUrls: [...options.serverUrls] }),
    ...(options.headers === undefined ? {} : { headers: { ...options.headers } }),
    ...(options.tls === undefined ? {} : { tls: resolveTls(options.tls) }),
  };
}

function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const known = issue.path[0] === 'tls' ? TLS_OPTION_NAMES : OPTION_NAMES;
    return issue.keys.map(key => ({
      path: formatPath([...issue.path, key]),
      message: unknownOptionMessage(key, known),
    }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(options)';
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      return index === 0 ? String(part) : `.${String(part)}`;
    })
    .join('');
}

function topField(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}

function nameEnvVariable(
  issue: ConfigIssue,
  sources: ReadonlyMap<string, ArtemisEnvVariable>,
): ConfigIssue {
  const field = topField(issue.path);
  const variable = sources.get(field);
  if (variable === undefined) return issue;
  return { path: variable + issue.path.slice(field.length), message: issue.message };
}
