/**
 * Incremental pull of a sql source by keyset on (watermark, key), one batch per page:
 * each statement asks for the rows strictly after the last row read, so rows sharing the last
 * watermark value are neither skipped nor read twice, however many share it.
 *
 * The yielded cursor is the position of the latest row read and never goes back. With
 * `lookback` the run starts that far before the saved cursor (before every key there): rows
 * a slow transaction committed late, behind the cursor, are caught; rows read before come again
 * under the saved cursor and idempotent upserts downstream absorb them. An empty page never
 * yields a batch, so it never overwrites the cursor.
 */
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import type { SqlConfig } from './config-schema.ts';
import {
  fromCursor,
  laterOf,
  lookBack,
  toCursor,
  type Ordering,
  type Position,
} from './position.ts';
import { pageQuery } from './query.ts';
import { checkColumns, readRows } from './rows.ts';
import { openSession, stopped } from './session.ts';
import type { SqlSettings } from './settings.ts';

/** The cursor fields and the ordering of a config. */
export function orderingOf(settings: SqlSettings): Ordering & {
  readonly watermarkColumn: string;
} {
  return {
    watermarkType: settings.watermark.type,
    keyType: settings.key.type,
    watermarkColumn: settings.watermark.column,
  };
}

/** Pulls every row after `from`, yielding one batch per non-empty page. */
export async function* pullRows(
  ctx: AdapterContext<SqlConfig>,
  settings: SqlSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const order = orderingOf(settings);
  const saved = fromCursor(ctx.sourceId, order, from);
  let position: Position | null =
    saved === null ? null : lookBack(order.watermarkType, saved, settings.lookback);
  let emitted = saved;
  const session = await openSession(ctx, settings);
  try {
    for (let page = 0; page < settings.maxPages; page += 1) {
      const abort = stopped(ctx);
      if (abort !== null) throw abort;
      const result = await session.read(pageQuery(settings, position, settings.pageSize));
      if (page === 0) checkColumns(ctx.sourceId, settings, result.fields);
      const rows = readRows(ctx.sourceId, settings, result.rows);
      const last = rows.at(-1);
      if (last === undefined) return;
      position = last.position;
      emitted = laterOf(order, emitted, position);
      yield { records: rows.map((r) => r.raw), cursor: toCursor(order, emitted) };
      if (rows.length < settings.pageSize) return;
    }
    ctx.log.warn(
      { maxPages: settings.maxPages },
      'stopped at maxPages for this run; the next run continues from the saved cursor',
    );
  } finally {
    await session.close();
  }
}
