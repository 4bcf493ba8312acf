/**
 * Replacing a source's cursor from the sources console: e.g. to skip years of history before a
 * new source's first pull, or to re-read from a date after a fix. Done under the source's
 * advisory lock, so it never races a running pull or replay. The cursor row keeps the run that
 * last wrote it; a source that never ran gets an empty 'manual' run as the anchor the table
 * requires (the run list then shows when the cursor was first set by hand).
 */
import type pg from 'pg';
import type { Cursor } from '../../adapters/contract.ts';
import { HubError } from '../lib/errors.ts';
import { withSourceLock } from '../store/source-lock.ts';
import { withTransaction } from '../store/tx.ts';
import { isCursor } from './cursor-shape.ts';

/** Checks that `value` is a cursor (cursor-shape.ts); throws KNTC_BAD_REQUEST. */
export function assertCursor(value: unknown): asserts value is Cursor {
  if (!isCursor(value)) {
    throw new HubError(
      'KNTC_BAD_REQUEST',
      'A cursor must be a JSON object whose values are text, numbers or null',
      {
        hint: 'Start from the cursor shown (e.g. {"modifiedSince": "2026-01-01T00:00:00+07:00"}) and change only its values; or clear it to start from the beginning.',
      },
    );
  }
}

/** Replaces the saved cursor; returns the previous one. Throws KNTC_CONFLICT while a run holds the source. */
export async function replaceCursor(
  pool: pg.Pool,
  sourceId: string,
  cursor: Cursor,
): Promise<{ previous: Cursor | null }> {
  const done = await withSourceLock(pool, sourceId, () =>
    withTransaction(pool, async (c) => {
      const { rows } = await c.query<{ cursor: Cursor; run_id: string }>(
        'SELECT cursor, run_id::text AS run_id FROM source_cursors WHERE source_id = $1 FOR UPDATE',
        [sourceId],
      );
      const previous = rows[0] ?? null;
      const runId = previous?.run_id ?? (await anchorRun(c, sourceId));
      await c.query(
        `INSERT INTO source_cursors (source_id, cursor, run_id) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (source_id) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
        [sourceId, JSON.stringify(cursor), runId],
      );
      return { previous: previous?.cursor ?? null };
    }),
  );
  if (done !== null) return done;
  throw new HubError(
    'KNTC_CONFLICT',
    `Source "${sourceId}" is being synchronised or replayed right now; its cursor was not changed`,
    { hint: 'Wait for the run to finish, then set the cursor again.', details: { sourceId } },
  );
}

/** The source's latest run, or a new empty manual run when it never ran. */
async function anchorRun(c: pg.PoolClient, sourceId: string): Promise<string> {
  const latest = await c.query<{ id: string }>(
    `SELECT id::text AS id FROM sync_runs WHERE source_id = $1
      ORDER BY started_at DESC, id DESC LIMIT 1`,
    [sourceId],
  );
  const id = latest.rows[0]?.id;
  if (id !== undefined) return id;
  const made = await c.query<{ id: string }>(
    `INSERT INTO sync_runs (source_id, trigger, status, finished_at)
     VALUES ($1, 'manual', 'succeeded', clock_timestamp()) RETURNING id::text AS id`,
    [sourceId],
  );
  const anchor = made.rows[0]?.id;
  if (anchor === undefined)
    throw new HubError('KNTC_INTERNAL', 'INSERT INTO sync_runs returned no id.');
  return anchor;
}
