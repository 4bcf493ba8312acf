/**
 * Source cursors: where the next pull of a source resumes. Written only by commitBatch, in the
 * same transaction as the records the cursor covers, so a cursor never runs ahead of the data.
 */
import type pg from 'pg';
import type { Cursor } from '../../adapters/contract.ts';

/** The source's saved cursor, or null before its first stored batch. */
export async function getCursor(pool: pg.Pool, sourceId: string): Promise<Cursor | null> {
  const { rows } = await pool.query<{ cursor: Cursor }>(
    'SELECT cursor FROM source_cursors WHERE source_id = $1',
    [sourceId],
  );
  return rows[0]?.cursor ?? null;
}
