/**
 * The cheap probe of a sql source: connect with the configured account, run the configured
 * query with LIMIT 0 (PostgreSQL plans it, so a missing table or column, or a missing SELECT
 * permission, fails here) ordered by the watermark and key columns, and compare those two
 * columns' types with the config. Reads no rows.
 */
import type { AdapterContext } from '../contract.ts';
import type { SqlConfig } from './config-schema.ts';
import { probeQuery } from './query.ts';
import { checkColumns } from './rows.ts';
import { openSession } from './session.ts';
import { describeTarget, type SqlSettings } from './settings.ts';

/** Probes reachability, login, the query and its two paging columns; resolves when all is well. */
export async function checkSource(
  ctx: AdapterContext<SqlConfig>,
  settings: SqlSettings,
): Promise<void> {
  const session = await openSession(ctx, settings);
  try {
    const { fields } = await session.read(probeQuery(settings));
    checkColumns(ctx.sourceId, settings, fields);
    ctx.log.info(
      { database: describeTarget(settings.target), columns: fields.length },
      'source check passed',
    );
  } finally {
    await session.close();
  }
}
