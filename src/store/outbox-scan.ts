/**
 * Scans of the outbox for the reconciler and the push queue: pending submissions page by page,
 * how many are pending, which have sat unchanged for a while (their job may be lost), and the
 * receipt dates that set queue priorities.
 */
import type pg from 'pg';
import { assertBigintId } from './tx.ts';

/** Ids of pending submissions after `afterId`, oldest first, for the reconciler. */
export async function listPendingOutboxIds(
  pool: pg.Pool,
  limit: number,
  afterId = '0',
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    // ORDER BY o.id, not id: that would name the text column of the select list and sort
    // "10" before "9", so paging by `id > after` would skip entries.
    `SELECT o.id::text AS id FROM outbox o
      WHERE o.status = 'pending' AND o.id > $2 ORDER BY o.id LIMIT $1`,
    [limit, afterId === '0' ? '0' : assertBigintId('outbox', afterId)],
  );
  return rows.map((r) => r.id);
}

/** How many submissions are pending. */
export async function countPending(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
  );
  return rows[0]?.n ?? 0;
}

/** Of the given pending submissions, those unchanged for `idleMs` (candidates for a lost job). */
export async function idlePendingIds(
  pool: pg.Pool,
  outboxIds: readonly string[],
  idleMs: number,
): Promise<string[]> {
  if (outboxIds.length === 0) return [];
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text AS id FROM outbox
      WHERE id = ANY($1::bigint[]) AND status = 'pending'
        AND updated_at < now() - make_interval(secs => $2::double precision / 1000)`,
    [outboxIds.map((i) => assertBigintId('outbox', i)), idleMs],
  );
  return rows.map((r) => r.id);
}

/** Receipt date (YYYY-MM-DD) of each given submission's petition, for queue priorities. */
export async function receivedOnOf(
  pool: pg.Pool,
  outboxIds: readonly string[],
): Promise<Map<string, string>> {
  if (outboxIds.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; received_on: string }>(
    `SELECT o.id::text AS id, to_char(p.received_on, 'YYYY-MM-DD') AS received_on
       FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
      WHERE o.id = ANY($1::bigint[])`,
    [outboxIds.map((i) => assertBigintId('outbox', i))],
  );
  return new Map(rows.map((r) => [r.id, r.received_on]));
}
