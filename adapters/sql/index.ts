/**
 * The sql source adapter: reads a local system's PostgreSQL database (e.g. a district's
 * document-management system that offers no API) with a configured SELECT, incrementally by
 * keyset on a (watermark, key) cursor. It only fetches: mapping and storage happen elsewhere.
 * See README.md for the config, the paging rules, the value types and the errors.
 */
import type { AdapterContext, SourceAdapter } from '../contract.ts';
import { checkSource } from './check.ts';
import { sqlConfigSchema, type SqlConfig } from './config-schema.ts';
import { pullRows } from './pull.ts';
import { resolveSettings, type SqlSettings } from './settings.ts';

export type { KeyType, SqlConfig, SqlConnectionConfig, WatermarkType } from './config-schema.ts';
export { SQL_DEFAULTS, sqlConfigSchema } from './config-schema.ts';

function settingsOf(ctx: AdapterContext<SqlConfig>): SqlSettings {
  return resolveSettings(ctx.sourceId, ctx.config, ctx.secrets);
}

/** The sql adapter (kind "sql"). */
export const sqlAdapter: SourceAdapter<SqlConfig> = {
  kind: 'sql',
  configSchema: sqlConfigSchema,
  check: (ctx) => checkSource(ctx, settingsOf(ctx)),
  // A generator, so a config problem surfaces when the pull is iterated, like any other failure.
  pull: async function* (ctx, from) {
    yield* pullRows(ctx, settingsOf(ctx), from);
  },
};
