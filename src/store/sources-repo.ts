/**
 * Sources: the local systems the hub pulls from, registered from config at startup, and the
 * per-source status the dashboard and `GET /sources` show. The status is one query whose every
 * part is an index lookup or a small aggregate, so it costs the same however many runs, raw
 * records and submissions the store holds: record totals come from source_daily_counts and
 * outbox totals from outbox_counts (both kept by triggers), never from summing sync_runs or
 * counting outbox or petitions rows.
 */
import { sourceState, type SourceState } from '../core/source-state.ts';
import type pg from 'pg';
import type { Cursor } from '../../adapters/contract.ts';
import type { RunStatus, RunTrigger } from './runs-repo.ts';
import { isoOrNull } from './tx.ts';

/** A source as configured. */
export interface SourceDef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enabled: boolean;
}

/** Overall state of a source, most important first. */
export type { SourceState } from '../core/source-state.ts';

/** The latest run of a source. */
export interface LastRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly trigger: RunTrigger;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/**
 * Record and submission totals of a source. pulled/stored: totals over all runs (stored =
 * inserted or updated), summed from the per-day rows of source_daily_counts, which triggers keep
 * equal to the runs' counts. rejected: records currently rejected (distinct source records with
 * unresolved field errors, read from their partial index), not a historical total. pushed: outbox
 * rows attempted at least once (acknowledged ones included); acknowledged, deadLettered, pending:
 * outbox rows by status.
 */
export interface SourceCounts {
  readonly pulled: number;
  readonly stored: number;
  readonly rejected: number;
  readonly pushed: number;
  readonly acknowledged: number;
  readonly deadLettered: number;
  readonly pending: number;
}

/** What the status page shows for one source. */
export interface SourceStatus {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly paused: boolean;
  readonly state: SourceState;
  readonly lastRun: LastRun | null;
  readonly lastSuccessAt: string | null;
  readonly counts: SourceCounts;
  readonly cursor: Cursor | null;
}

/** Registers or updates the configured sources; `paused` and sources absent from `defs` are kept. */
export async function upsertSources(pool: pg.Pool, defs: readonly SourceDef[]): Promise<void> {
  if (defs.length === 0) return;
  await pool.query(
    `INSERT INTO sources AS s (id, name, kind, enabled)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
     ON CONFLICT (id) DO UPDATE
        SET name = EXCLUDED.name, kind = EXCLUDED.kind, enabled = EXCLUDED.enabled, updated_at = now()
      WHERE (s.name, s.kind, s.enabled) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.enabled)`,
    [
      defs.map((d) => d.id),
      defs.map((d) => d.name),
      defs.map((d) => d.kind),
      defs.map((d) => d.enabled),
    ],
  );
}

/** Pauses or resumes scheduled pulls of a source; false if the source is unknown. */
export async function setSourcePaused(
  pool: pg.Pool,
  sourceId: string,
  paused: boolean,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE sources SET paused = $2, updated_at = now() WHERE id = $1',
    [sourceId, paused],
  );
  return rowCount === 1;
}

interface StatusRow {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  paused: boolean;
  run_id: string | null;
  run_status: RunStatus | null;
  run_trigger: RunTrigger | null;
  run_started_at: Date | null;
  run_finished_at: Date | null;
  run_error_code: string | null;
  run_error_message: string | null;
  last_finished_status: RunStatus | null;
  last_success_at: Date | null;
  pulled: number;
  stored: number;
  rejected: number;
  pending: number;
  acknowledged: number;
  dead: number;
  attempted: number;
  cursor: Cursor | null;
}

const STATUS_SQL = `
SELECT s.id, s.name, s.kind, s.enabled, s.paused,
       lr.id::text AS run_id, lr.status AS run_status, lr.trigger AS run_trigger,
       lr.started_at AS run_started_at, lr.finished_at AS run_finished_at,
       lr.error_code AS run_error_code, lr.error_message AS run_error_message,
       lf.status AS last_finished_status, ls.finished_at AS last_success_at,
       coalesce(tot.pulled, 0)::float8 AS pulled, coalesce(tot.stored, 0)::float8 AS stored,
       rj.n::float8 AS rejected,
       coalesce(oc.pending, 0)::float8 AS pending,
       coalesce(oc.acknowledged, 0)::float8 AS acknowledged,
       coalesce(oc.dead, 0)::float8 AS dead,
       coalesce(oc.attempted, 0)::float8 AS attempted,
       c.cursor
  FROM sources s
  LEFT JOIN LATERAL (SELECT * FROM sync_runs r WHERE r.source_id = s.id
                      ORDER BY r.started_at DESC, r.id DESC LIMIT 1) lr ON true
  LEFT JOIN LATERAL (SELECT r.status FROM sync_runs r WHERE r.source_id = s.id AND r.status <> 'running'
                      ORDER BY r.finished_at DESC, r.id DESC LIMIT 1) lf ON true
  LEFT JOIN LATERAL (SELECT r.finished_at FROM sync_runs r WHERE r.source_id = s.id AND r.status <> 'running'
                        AND r.status = 'succeeded'
                      ORDER BY r.finished_at DESC, r.id DESC LIMIT 1) ls ON true
  LEFT JOIN LATERAL (SELECT sum(d.pulled) AS pulled, sum(d.stored) AS stored
                       FROM source_daily_counts d WHERE d.source_id = s.id) tot ON true
  CROSS JOIN LATERAL (SELECT count(DISTINCT x.source_record_id) AS n FROM rejected_records x
                       WHERE x.source_id = s.id AND x.resolved_at IS NULL) rj
  LEFT JOIN outbox_counts oc ON oc.source_id = s.id
  LEFT JOIN source_cursors c ON c.source_id = s.id
 ORDER BY s.id`;

/** Status of every registered source, ordered by id. */
export async function listSourceStatus(pool: pg.Pool): Promise<SourceStatus[]> {
  const { rows } = await pool.query<StatusRow>(STATUS_SQL);
  return rows.map(toSourceStatus);
}

function toSourceStatus(row: StatusRow): SourceStatus {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    paused: row.paused,
    state: stateOf(row),
    lastRun: toLastRun(row),
    lastSuccessAt: isoOrNull(row.last_success_at),
    counts: {
      pulled: row.pulled,
      stored: row.stored,
      rejected: row.rejected,
      pushed: row.attempted,
      acknowledged: row.acknowledged,
      deadLettered: row.dead,
      pending: row.pending,
    },
    cursor: row.cursor,
  };
}

function toLastRun(row: StatusRow): LastRun | null {
  if (row.run_id === null || row.run_status === null || row.run_trigger === null) return null;
  return {
    id: row.run_id,
    status: row.run_status,
    trigger: row.run_trigger,
    startedAt: (row.run_started_at ?? new Date(0)).toISOString(),
    finishedAt: isoOrNull(row.run_finished_at),
    errorCode: row.run_error_code,
    errorMessage: row.run_error_message,
  };
}

function stateOf(row: StatusRow): SourceState {
  return sourceState({
    enabled: row.enabled,
    paused: row.paused,
    lastRunStatus: row.run_status,
    lastFinishedStatus: row.last_finished_status,
  });
}
