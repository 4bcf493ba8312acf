/**
 * The config with every default filled in. The hub's config loader may or may not have applied
 * the schema defaults (ajv `useDefaults`); the adapter does not depend on it.
 */
import { resolvePaging, type PagingSettings } from '../shared/paging-config.ts';
import { REST_JSON_DEFAULTS, type RestJsonConfig } from './config-schema.ts';

/** A rest-json config with its defaulted fields present. */
export type RestJsonSettings = RestJsonConfig & PagingSettings;

/** Fills the defaults of pageSize, timeoutMs, lookbackSeconds and maxPages. */
export function resolveSettings(config: RestJsonConfig): RestJsonSettings {
  return { ...config, ...resolvePaging(config, REST_JSON_DEFAULTS) };
}
