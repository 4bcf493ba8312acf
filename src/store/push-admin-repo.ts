/**
 * What the submissions API reads and does about the national push: counts per source and
 * receipt day (folded into reporting periods by the caller), the list of submissions by status
 * (dead letters with the national error text), and re-sending a dead-lettered submission after
 * the data was fixed. Nothing here returns petitioner data: only ids, stages, codes and the
 * national side's field-level messages (which never carry values).
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import type { OutboxStatus } from './outbox-repo.ts';
import { assertBigintId } from './tx.ts';

/** Submissions of one source received on one day, by status. */
export interface DayCounts {
  readonly sourceId: string;
  /** YYYY-MM-DD. */
  readonly receivedOn: string;
  readonly status: OutboxStatus;
  readonly count: number;
  /** Of those, how many were attempted at least once. */
  readonly attempted: number;
}

/** Counts of every submission by source, receipt day and status. */
export async function countByDay(pool: pg.Pool): Promise<DayCounts[]> {
  const { rows } = await pool.query<{
    source_id: string;
    received_on: string;
    status: OutboxStatus;
    n: number;
    attempted: number;
  }>(
    `SELECT o.source_id, to_char(p.received_on, 'YYYY-MM-DD') AS received_on, o.status,
            count(*)::int AS n, count(*) FILTER (WHERE o.attempts > 0)::int AS attempted
       FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
      GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    receivedOn: r.received_on,
    status: r.status,
    count: r.n,
    attempted: r.attempted,
  }));
}

/** One submission as the API shows it. */
export interface SubmissionView {
  readonly id: string;
  readonly hubId: string;
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly receivedOn: string;
  readonly status: OutboxStatus;
  /** Null until the first attempt stamps it. */
  readonly stage: number | null;
  readonly submissionKey: string | null;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly lastError: string | null;
  /** What the national side said when it refused for good (e.g. 422 fieldErrors). */
  readonly nationalError: unknown;
  readonly updatedAt: string;
}

/** Filter of the submissions list (keyset paging by id). */
export interface SubmissionFilter {
  readonly status?: OutboxStatus;
  readonly sourceId?: string;
  readonly afterId?: string;
  readonly limit: number;
}

/** Submissions matching the filter, oldest first. */
export async function listSubmissions(
  pool: pg.Pool,
  f: SubmissionFilter,
): Promise<SubmissionView[]> {
  const { rows } = await pool.query<SubmissionView>(
    `SELECT o.id::text AS "id", o.hub_id::text AS "hubId", o.source_id AS "sourceId",
            p.source_record_id AS "sourceRecordId",
            to_char(p.received_on, 'YYYY-MM-DD') AS "receivedOn", o.status, o.stage,
            CASE WHEN o.body_hash IS NULL THEN NULL ELSE o.submission_key END AS "submissionKey",
            o.attempts, o.last_error_code AS "lastErrorCode", o.last_error AS "lastError",
            o.national_error AS "nationalError",
            to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
       FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
      WHERE ($1::text IS NULL OR o.status = $1) AND ($2::text IS NULL OR o.source_id = $2)
        AND o.id > $3
      ORDER BY o.id LIMIT $4`,
    [
      f.status ?? null,
      f.sourceId ?? null,
      f.afterId === undefined ? '0' : assertBigintId('outbox', f.afterId),
      f.limit,
    ],
  );
  return rows;
}

/** What re-sending a dead letter did. */
export type ResendResult =
  | { readonly kind: 'resent'; readonly outboxId: string }
  | { readonly kind: 'already-pending'; readonly outboxId: string };

/**
 * Puts a dead-lettered submission back to pending, with its step un-stamped so the next attempt
 * sends the petition's current (fixed) record. If the petition already has a pending submission
 * (a newer change), that one will send the fixed record: the dead one is marked superseded.
 */
export async function resendDead(pool: pg.Pool, outboxId: string): Promise<ResendResult> {
  const id = assertBigintId('outbox', outboxId);
  const { rows } = await pool.query<{ status: OutboxStatus; pending_id: string | null }>(
    `SELECT o.status,
            (SELECT q.id::text FROM outbox q WHERE q.hub_id = o.hub_id AND q.status = 'pending')
              AS pending_id
       FROM outbox o WHERE o.id = $1`,
    [id],
  );
  const row = rows[0];
  if (row === undefined) {
    throw new HubError('KNTC_NOT_FOUND', `No submission ${id}`, { details: { outboxId: id } });
  }
  if (row.status !== 'dead') {
    const msg = `Submission ${id} is ${row.status}, not dead-lettered: nothing to re-send`;
    throw new HubError('KNTC_CONFLICT', msg, { details: { outboxId: id } });
  }
  if (row.pending_id !== null) {
    await pool.query(
      `UPDATE outbox SET status = 'superseded', updated_at = now() WHERE id = $1 AND status = 'dead'`,
      [id],
    );
    return { kind: 'already-pending', outboxId: row.pending_id };
  }
  await pool.query(
    `UPDATE outbox
        SET status = 'pending', operation = 'sync', stage = NULL, body = NULL, body_hash = NULL,
            submission_key = hub_id::text || ':q:' || gen_random_uuid(), attempts = 0,
            national_error = NULL, dead_at = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'dead'`,
    [id],
  );
  return { kind: 'resent', outboxId: id };
}
