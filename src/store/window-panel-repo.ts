/**
 * What the overview's national window panel reads: pending submissions by receipt day (which
 * reporting period they belong to, and so whether they are at risk of missing that period's
 * window), and the push totals of day ranges. Both read a bounded number of rows, so the
 * overview costs the same with 1,000 or 10,000,000 petitions (see bench/dashboard.ts).
 */
import type pg from 'pg';

/** Pending submissions of one source and receipt day (YYYY-MM-DD). */
export interface PendingDay {
  readonly sourceId: string;
  readonly receivedOn: string;
  readonly count: number;
}

/**
 * Pending submissions by source and receipt day, read from at most `cap` of them, oldest first
 * (outbox_pending_oldest, then one petitions primary-key probe each): the overview's window panel
 * costs the same however large the store or the backlog. The counts are exact when their sum is
 * below `cap`, lower bounds otherwise.
 */
export async function pendingByReceiptDay(pool: pg.Pool, cap: number): Promise<PendingDay[]> {
  const { rows } = await pool.query<{ source_id: string; received_on: string; n: number }>(
    `SELECT o.source_id, to_char(p.received_on, 'YYYY-MM-DD') AS received_on, count(*)::int AS n
       FROM (SELECT hub_id, source_id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT $1) o
       JOIN petitions p ON p.hub_id = o.hub_id
      GROUP BY 1, 2 ORDER BY 2, 1`,
    [cap],
  );
  return rows.map((r) => ({ sourceId: r.source_id, receivedOn: r.received_on, count: r.n }));
}

/** Submissions pushed, acknowledged and dead-lettered on the days of one range. */
export interface RangeCounts {
  readonly pushed: number;
  readonly acknowledged: number;
  readonly deadLettered: number;
}

/**
 * Totals of every source over each named day range (YYYY-MM-DD, inclusive), from
 * source_daily_counts (one row per source and day): one small scan, one row per range.
 */
export async function countsBetween(
  pool: pg.Pool,
  ranges: readonly { key: string; from: string; to: string }[],
): Promise<Map<string, RangeCounts>> {
  const { rows } = await pool.query<{ key: string; pushed: number; ack: number; dead: number }>(
    `SELECT r.key, coalesce(sum(c.pushed), 0)::float8 AS pushed,
            coalesce(sum(c.acknowledged), 0)::float8 AS ack, coalesce(sum(c.dead_lettered), 0)::float8 AS dead
       FROM unnest($1::text[], $2::date[], $3::date[]) AS r(key, from_day, to_day)
       LEFT JOIN source_daily_counts c ON c.day BETWEEN r.from_day AND r.to_day
      GROUP BY r.key`,
    [ranges.map((r) => r.key), ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
  return new Map(
    rows.map((r) => [r.key, { pushed: r.pushed, acknowledged: r.ack, deadLettered: r.dead }]),
  );
}
