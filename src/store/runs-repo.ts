/**
 * Sync runs: one row per pull of a source, from start to success or failure, with the record
 * counts the ingest path adds batch by batch. The scheduler reads the last start for catch-up;
 * startup marks runs a crash left 'running' as failed.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { isPgError } from './pool.ts';
import { assertBigintId } from './tx.ts';

/** What started a run. */
export type RunTrigger = 'schedule' | 'catch-up' | 'manual' | 'replay';

/** State of a run. */
export type RunStatus = 'running' | 'succeeded' | 'failed';

/** How a run ended. */
export interface RunOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** Opens a run for the source; returns its id (text of a bigint). The source must be registered. */
export async function startRun(
  pool: pg.Pool,
  sourceId: string,
  trigger: RunTrigger,
): Promise<string> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO sync_runs (source_id, trigger) VALUES ($1, $2) RETURNING id::text AS id`,
      [sourceId, trigger],
    );
    const id = rows[0]?.id;
    if (id === undefined)
      throw new HubError('KNTC_INTERNAL', 'INSERT INTO sync_runs returned no id.');
    return id;
  } catch (err) {
    if (isPgError(err, '23503')) {
      throw new HubError(
        'KNTC_SOURCE_UNKNOWN',
        `Source "${sourceId}" is not registered in the database, so it cannot be synced.`,
        {
          hint: 'Add the source to the hub config and restart (sources are registered at startup).',
          details: { sourceId },
        },
      );
    }
    throw err;
  }
}

/** Closes a running run. A run already closed (e.g. by failStaleRuns) is left as it is. */
export async function finishRun(pool: pg.Pool, runId: string, outcome: RunOutcome): Promise<void> {
  const failed = outcome.status === 'failed';
  const { rowCount } = await pool.query(
    `UPDATE sync_runs
        SET status = $2, finished_at = clock_timestamp(), error_code = $3, error_message = $4
      WHERE id = $1 AND status = 'running'`,
    [
      assertBigintId('run', runId),
      outcome.status,
      failed ? (outcome.errorCode ?? 'KNTC_INTERNAL') : null,
      failed ? (outcome.errorMessage ?? null) : null,
    ],
  );
  if (rowCount !== 0) return;
  const found = await pool.query('SELECT 1 FROM sync_runs WHERE id = $1', [runId]);
  if (found.rowCount === 0)
    throw new HubError('KNTC_INTERNAL', `Sync run ${runId} does not exist.`);
}

/** Marks runs left 'running' by a crash as failed (all sources, or one); returns how many. */
export async function failStaleRuns(pool: pg.Pool, sourceId?: string): Promise<number> {
  const { rowCount } = await pool.query(
    `UPDATE sync_runs
        SET status = 'failed', finished_at = clock_timestamp(), error_code = 'KNTC_INTERNAL',
            error_message = 'The hub stopped while this run was in progress; the next run resumes from the last saved cursor.'
      WHERE status = 'running' AND ($1::text IS NULL OR source_id = $1)`,
    [sourceId ?? null],
  );
  return rowCount ?? 0;
}

/**
 * When the source's latest successful pull started (null if none), for scheduler catch-up: a
 * failed or interrupted run, or a replay, does not stand for a scheduled pull.
 */
export async function lastRunStartedAt(pool: pg.Pool, sourceId: string): Promise<Date | null> {
  const { rows } = await pool.query<{ started_at: Date }>(
    // A replay re-maps stored records without pulling: it does not stand in for a missed pull.
    // Only a run that finished counts: one cut short by a crash leaves the schedule owed.
    `SELECT started_at FROM sync_runs
      WHERE source_id = $1 AND trigger <> 'replay' AND status = 'succeeded'
      ORDER BY started_at DESC, id DESC LIMIT 1`,
    [sourceId],
  );
  return rows[0]?.started_at ?? null;
}
