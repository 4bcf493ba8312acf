/**
 * The config with every default filled in. The hub's config loader may or may not have applied
 * the schema defaults (ajv `useDefaults`); the adapter does not depend on it.
 */
import { REST_JSON_DEFAULTS, type RestJsonConfig } from './config-schema.ts';

/** A rest-json config with its defaulted fields present. */
export type RestJsonSettings = RestJsonConfig & {
  readonly pageSize: number;
  readonly timeoutMs: number;
  readonly lookbackSeconds: number;
  readonly maxPages: number;
};

/** Fills the defaults of pageSize, timeoutMs, lookbackSeconds and maxPages. */
export function resolveSettings(config: RestJsonConfig): RestJsonSettings {
  return {
    ...config,
    pageSize: config.pageSize ?? REST_JSON_DEFAULTS.pageSize,
    timeoutMs: config.timeoutMs ?? REST_JSON_DEFAULTS.timeoutMs,
    lookbackSeconds: config.lookbackSeconds ?? REST_JSON_DEFAULTS.lookbackSeconds,
    maxPages: config.maxPages ?? REST_JSON_DEFAULTS.maxPages,
  };
}
