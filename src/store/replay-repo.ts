/**
 * Reading back what the hub already stored, for the operator's repair tools: the raw records of
 * a source (latest delivery per source record id) in keyset pages for a replay, the replay's own
 * run row, and the source cursor as the operator sees and rewinds it. Replays commit through
 * commitBatch like any sync, so nothing here writes petitions, rejections or outbox rows.
 */
import type pg from 'pg';
import type { Cursor } from '../../adapters/contract.ts';
import { HubError } from '../lib/errors.ts';
import { isPgError } from './pool.ts';

/** One stored raw record, as a replay reads it. */
export interface StoredRaw {
  /** raw_records.id (text of a bigint): the keyset position. */
  readonly id: string;
  readonly sourceRecordId: string;
  readonly payload: unknown;
  readonly bytesHash: string;
}

/** Which stored records a replay covers. */
export interface ReplayScope {
  readonly sourceId: string;
  /** Only records that have unresolved rejections. */
  readonly rejectedOnly: boolean;
}

/** The saved cursor with the run that wrote it. */
export interface CursorInfo {
  readonly cursor: Cursor;
  readonly runId: string;
  /** ISO-8601 instant of the last write. */
  readonly updatedAt: string;
}

/*
 * "Latest delivery" = the highest raw_records.id of a source record. A record whose bytes went
 * A → B → A keeps A's first row (identical deliveries are not stored twice), so B counts as the
 * latest: a known limit of the raw store, which keeps one row per distinct delivery.
 */
const LATEST_FILTER = `
  r.source_id = $1
  AND NOT EXISTS (SELECT 1 FROM raw_records n
                   WHERE n.source_id = r.source_id AND n.source_record_id = r.source_record_id
                     AND n.id > r.id)
  AND (NOT $2::boolean OR EXISTS (SELECT 1 FROM rejected_records x
                                   WHERE x.source_id = r.source_id
                                     AND x.source_record_id = r.source_record_id
                                     AND x.resolved_at IS NULL))`;

/** How many records a replay of this scope will read (one per source record id). */
export async function countReplayRecords(pool: pg.Pool, scope: ReplayScope): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM raw_records r WHERE ${LATEST_FILTER}`,
    [scope.sourceId, scope.rejectedOnly],
  );
  return rows[0]?.n ?? 0;
}

/** The next page of latest raw records after raw id `afterId` ("0" to start), in id order. */
export async function readReplayPage(
  pool: pg.Pool,
  scope: ReplayScope,
  afterId: string,
  limit: number,
): Promise<StoredRaw[]> {
  const { rows } = await pool.query<{
    id: string;
    source_record_id: string;
    payload: unknown;
    bytes_hash: string;
  }>(
    `SELECT r.id::text AS id, r.source_record_id, r.payload, r.bytes_hash
       FROM raw_records r
      WHERE ${LATEST_FILTER} AND r.id > $3::bigint
      ORDER BY r.id
      LIMIT $4`,
    [scope.sourceId, scope.rejectedOnly, afterId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    sourceRecordId: r.source_record_id,
    payload: r.payload,
    bytesHash: r.bytes_hash,
  }));
}

/** Opens a run with trigger 'replay' (migration 1767225600005); returns its id. */
export async function startReplayRun(pool: pg.Pool, sourceId: string): Promise<string> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO sync_runs (source_id, trigger) VALUES ($1, 'replay') RETURNING id::text AS id`,
      [sourceId],
    );
    const id = rows[0]?.id;
    if (id === undefined)
      throw new HubError('KNTC_INTERNAL', 'INSERT INTO sync_runs returned no id.');
    return id;
  } catch (err) {
    if (!isPgError(err, '23503')) throw err;
    throw new HubError(
      'KNTC_SOURCE_UNKNOWN',
      `Source "${sourceId}" is not registered in the database, so it has nothing to replay.`,
      { details: { sourceId } },
    );
  }
}

/** The saved cursor of a source and the run that wrote it; null when there is none. */
export async function getCursorInfo(pool: pg.Pool, sourceId: string): Promise<CursorInfo | null> {
  const { rows } = await pool.query<{ cursor: Cursor; run_id: string; updated_at: Date }>(
    'SELECT cursor, run_id::text AS run_id, updated_at FROM source_cursors WHERE source_id = $1',
    [sourceId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { cursor: row.cursor, runId: row.run_id, updatedAt: row.updated_at.toISOString() };
}

/** Removes the saved cursor, so the next pull starts from the beginning; true if one existed. */
export async function deleteCursor(pool: pg.Pool, sourceId: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM source_cursors WHERE source_id = $1', [
    sourceId,
  ]);
  return (rowCount ?? 0) > 0;
}
