/**
 * Read models of the dashboard. Everything the overview reads is a small table or an index range:
 * per-day counts come from source_daily_counts (kept by triggers), so the overview costs the same
 * with 1,000 or 10,000,000 petitions. Run history and a run's rejections are index lookups; a
 * petition's lineage is in lineage-repo.ts.
 */
import type pg from 'pg';
import type { RunStatus, RunTrigger } from './runs-repo.ts';
import { isoOrNull } from './tx.ts';

/** Counts of one source over one day or period. */
export interface DayCounts {
  readonly pulled: number;
  readonly stored: number;
  readonly rejected: number;
  readonly duplicatesLinked: number;
  readonly pushed: number;
  readonly acknowledged: number;
  readonly deadLettered: number;
}

/** One source's counts on one Vietnam calendar day (YYYY-MM-DD). */
export interface DailyRow extends DayCounts {
  readonly sourceId: string;
  readonly day: string;
}

/** An all-zero DayCounts. */
export const ZERO_COUNTS: DayCounts = {
  pulled: 0,
  stored: 0,
  rejected: 0,
  duplicatesLinked: 0,
  pushed: 0,
  acknowledged: 0,
  deadLettered: 0,
};

const COUNT_COLUMNS = `sum(pulled)::float8 AS pulled, sum(stored)::float8 AS stored,
  sum(rejected)::float8 AS rejected, sum(duplicates_linked)::float8 AS duplicates_linked,
  sum(pushed)::float8 AS pushed, sum(acknowledged)::float8 AS acknowledged,
  sum(dead_lettered)::float8 AS dead_lettered`;

interface CountRow {
  source_id: string;
  day: string;
  pulled: number;
  stored: number;
  rejected: number;
  duplicates_linked: number;
  pushed: number;
  acknowledged: number;
  dead_lettered: number;
}

function toCounts(r: CountRow): DayCounts {
  return {
    pulled: r.pulled,
    stored: r.stored,
    rejected: r.rejected,
    duplicatesLinked: r.duplicates_linked,
    pushed: r.pushed,
    acknowledged: r.acknowledged,
    deadLettered: r.dead_lettered,
  };
}

/** Per source and day, from `fromDay` to `toDay` inclusive (YYYY-MM-DD), days with activity only. */
export async function dailyCounts(
  pool: pg.Pool,
  fromDay: string,
  toDay: string,
): Promise<DailyRow[]> {
  const { rows } = await pool.query<CountRow>(
    `SELECT source_id, to_char(day, 'YYYY-MM-DD') AS day, ${COUNT_COLUMNS}
       FROM source_daily_counts WHERE day BETWEEN $1::date AND $2::date
      GROUP BY source_id, day ORDER BY source_id, day`,
    [fromDay, toDay],
  );
  return rows.map((r) => ({ sourceId: r.source_id, day: r.day, ...toCounts(r) }));
}

/** Per source, totals from `fromDay` to `toDay` inclusive. */
export async function periodCounts(
  pool: pg.Pool,
  fromDay: string,
  toDay: string,
): Promise<Map<string, DayCounts>> {
  const { rows } = await pool.query<CountRow>(
    `SELECT source_id, '' AS day, ${COUNT_COLUMNS}
       FROM source_daily_counts WHERE day BETWEEN $1::date AND $2::date GROUP BY source_id`,
    [fromDay, toDay],
  );
  return new Map(rows.map((r) => [r.source_id, toCounts(r)]));
}

/** A sync run in the history. */
export interface RunSummary {
  readonly id: string;
  readonly sourceId: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly pulled: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** Filters of the run history. */
export interface RunFilter {
  readonly sourceId?: string;
  readonly status?: RunStatus;
  /** YYYY-MM-DD, Vietnam days, inclusive. */
  readonly fromDay?: string;
  readonly toDay?: string;
  readonly limit?: number;
}

interface RunRow {
  id: string;
  source_id: string;
  trigger: RunTrigger;
  status: RunStatus;
  started_at: Date;
  finished_at: Date | null;
  pulled: number;
  stored: number;
  unchanged: number;
  rejected: number;
  error_code: string | null;
  error_message: string | null;
}

const RUN_COLUMNS = `id::text AS id, source_id, trigger, status, started_at, finished_at, pulled,
  stored, unchanged, rejected, error_code, error_message`;

function toRun(r: RunRow): RunSummary {
  return {
    id: r.id,
    sourceId: r.source_id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    finishedAt: isoOrNull(r.finished_at),
    pulled: r.pulled,
    stored: r.stored,
    unchanged: r.unchanged,
    rejected: r.rejected,
    errorCode: r.error_code,
    errorMessage: r.error_message,
  };
}

/** Latest runs first, filtered. */
export async function listRuns(pool: pg.Pool, filter: RunFilter = {}): Promise<RunSummary[]> {
  const { rows } = await pool.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM sync_runs
      WHERE ($1::text IS NULL OR source_id = $1) AND ($2::text IS NULL OR status = $2)
        AND ($3::date IS NULL OR started_at >= ($3::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
        AND ($4::date IS NULL OR started_at < (($4::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
      ORDER BY started_at DESC, id DESC LIMIT $5`,
    [
      filter.sourceId ?? null,
      filter.status ?? null,
      filter.fromDay ?? null,
      filter.toDay ?? null,
      Math.min(filter.limit ?? 100, 500),
    ],
  );
  return rows.map(toRun);
}

/** One run, or null. */
export async function getRun(pool: pg.Pool, runId: string): Promise<RunSummary | null> {
  if (!/^[1-9][0-9]{0,18}$/.test(runId)) return null;
  const { rows } = await pool.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = $1`, [
    runId,
  ]);
  const row = rows[0];
  return row === undefined ? null : toRun(row);
}

/** Field errors of a run grouped by kind. */
export interface ErrorGroup {
  readonly code: string;
  readonly field: string;
  readonly records: number;
}

/** A run's field errors grouped by code and field, largest first. */
export async function runErrorGroups(pool: pg.Pool, runId: string): Promise<ErrorGroup[]> {
  const { rows } = await pool.query<ErrorGroup>(
    `SELECT code, field, count(DISTINCT source_record_id)::int AS records
       FROM rejected_records WHERE run_id = $1 GROUP BY code, field ORDER BY records DESC, code, field`,
    [runId],
  );
  return rows;
}

/** One field error of a rejected record. */
export interface Rejection {
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly field: string;
  readonly sourceField: string | null;
  readonly value: string | null;
  readonly code: string;
  readonly message: string;
  readonly resolved: boolean;
}

/** The field errors of a run (first `limit`). */
export async function runRejections(
  pool: pg.Pool,
  runId: string,
  limit = 200,
): Promise<Rejection[]> {
  const { rows } = await pool.query<{
    source_id: string;
    source_record_id: string;
    field: string;
    source_field: string | null;
    value: string | null;
    code: string;
    message: string;
    resolved: boolean;
  }>(
    `SELECT source_id, source_record_id, field, source_field, value, code, message,
            resolved_at IS NOT NULL AS resolved
       FROM rejected_records WHERE run_id = $1 ORDER BY id LIMIT $2`,
    [runId, limit],
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    sourceRecordId: r.source_record_id,
    field: r.field,
    sourceField: r.source_field,
    value: r.value,
    code: r.code,
    message: r.message,
    resolved: r.resolved,
  }));
}

/** One source's state inputs for the overview (no per-run sums, no rejection count). */
export interface OverviewSourceRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly paused: boolean;
  readonly lastRunStatus: RunStatus | null;
  readonly lastFinishedStatus: RunStatus | null;
  readonly lastErrorCode: string | null;
  readonly lastSuccessAt: string | null;
  readonly pending: number;
  readonly acknowledged: number;
  readonly deadLettered: number;
  readonly pushed: number;
}

/*
 * The overview's per-source query: three index probes per source plus outbox_counts. Unlike
 * listSourceStatus it neither sums every run nor counts unresolved rejections (those grow with
 * the store); the overview takes its record counts from source_daily_counts.
 */
const OVERVIEW_SOURCES_SQL = `
SELECT s.id, s.name, s.kind, s.enabled, s.paused, lr.status AS last_run_status,
       lf.status AS last_finished_status, lf.error_code AS last_error_code,
       ls.finished_at AS last_success_at,
       coalesce(oc.pending, 0)::float8 AS pending, coalesce(oc.acknowledged, 0)::float8 AS acknowledged,
       coalesce(oc.dead, 0)::float8 AS dead, coalesce(oc.attempted, 0)::float8 AS attempted
  FROM sources s
  LEFT JOIN LATERAL (SELECT r.status FROM sync_runs r WHERE r.source_id = s.id
                      ORDER BY r.started_at DESC, r.id DESC LIMIT 1) lr ON true
  LEFT JOIN LATERAL (SELECT r.status, r.error_code FROM sync_runs r
                      WHERE r.source_id = s.id AND r.status <> 'running'
                      ORDER BY r.finished_at DESC, r.id DESC LIMIT 1) lf ON true
  LEFT JOIN LATERAL (SELECT r.finished_at FROM sync_runs r
                      WHERE r.source_id = s.id AND r.status <> 'running' AND r.status = 'succeeded'
                      ORDER BY r.finished_at DESC, r.id DESC LIMIT 1) ls ON true
  LEFT JOIN outbox_counts oc ON oc.source_id = s.id
 ORDER BY s.id`;

/** Every source's state inputs for the overview, ordered by id. */
export async function overviewSources(pool: pg.Pool): Promise<OverviewSourceRow[]> {
  const { rows } = await pool.query<{
    id: string;
    name: string;
    kind: string;
    enabled: boolean;
    paused: boolean;
    last_run_status: RunStatus | null;
    last_finished_status: RunStatus | null;
    last_error_code: string | null;
    last_success_at: Date | null;
    pending: number;
    acknowledged: number;
    dead: number;
    attempted: number;
  }>(OVERVIEW_SOURCES_SQL);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    paused: r.paused,
    lastRunStatus: r.last_run_status,
    lastFinishedStatus: r.last_finished_status,
    lastErrorCode: r.last_error_code,
    lastSuccessAt: isoOrNull(r.last_success_at),
    pending: r.pending,
    acknowledged: r.acknowledged,
    deadLettered: r.dead,
    pushed: r.attempted,
  }));
}
