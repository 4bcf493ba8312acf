/**
 * The rest-json source adapter: pulls records from a local system's JSON list endpoint,
 * incrementally by a (modified, id) cursor. It only fetches: mapping and storage happen
 * elsewhere. See README.md for the config, the paging rules and the errors.
 */
import type { SourceAdapter } from '../contract.ts';
import { checkSource } from './check.ts';
import { restJsonConfigSchema, type RestJsonConfig } from './config-schema.ts';
import { pullRecords } from './pull.ts';
import { resolveSettings } from './settings.ts';

export type { RestJsonAuth, RestJsonConfig } from './config-schema.ts';
export { REST_JSON_DEFAULTS, restJsonConfigSchema } from './config-schema.ts';

/** The rest-json adapter (kind "rest-json"). */
export const restJsonAdapter: SourceAdapter<RestJsonConfig> = {
  kind: 'rest-json',
  configSchema: restJsonConfigSchema,
  check: (ctx) => checkSource(ctx, resolveSettings(ctx.config)),
  pull: (ctx, from) => pullRecords(ctx, resolveSettings(ctx.config), from),
};
