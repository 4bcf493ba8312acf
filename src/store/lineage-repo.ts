/**
 * A petition's lineage for the dashboard: raw source record(s) → mapping version → canonical
 * record → national submissions and receipts, and the look-ups that lead to it (by source record
 * id, latest of a source). Every query is an index lookup (petitions by hub id or source key,
 * raw_records and outbox by the petition).
 */
import type pg from 'pg';
import type { Petition } from '../core/petition-schema.ts';

/** A petition's path from the source record to the national database. */
export interface Lineage {
  readonly hubId: string;
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly mappingVersion: string;
  readonly contentHash: string;
  readonly nationalCaseId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly record: Petition;
  /** Deliveries of the source record, latest first (at most 10). */
  readonly raws: readonly { id: string; runId: string; receivedAt: string; payload: unknown }[];
  /** Submissions to the national database with their receipts, oldest first. */
  readonly submissions: readonly LineageSubmission[];
}

/** One submission of a petition and its receipt. */
export interface LineageSubmission {
  readonly id: string;
  readonly operation: string;
  readonly status: string;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
  readonly receipt: {
    nationalCaseId: string;
    duplicate: boolean;
    httpStatus: number;
    receivedAt: string;
  } | null;
}

const LINEAGE_SQL = `
SELECT p.hub_id::text AS hub_id, p.source_id, p.source_record_id, p.mapping_version, p.content_hash,
       p.national_case_id, p.created_at, p.updated_at, p.record,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id::text, 'runId', r.run_id::text,
                  'receivedAt', r.received_at, 'payload', r.payload) ORDER BY r.id DESC)
                   FROM (SELECT * FROM raw_records r WHERE r.source_id = p.source_id
                           AND r.source_record_id = p.source_record_id ORDER BY r.id DESC LIMIT 10) r),
                '[]'::jsonb) AS raws,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id::text, 'operation', o.operation,
                  'status', o.status, 'attempts', o.attempts, 'lastErrorCode', o.last_error_code,
                  'createdAt', o.created_at, 'acknowledgedAt', o.acknowledged_at,
                  'receipt', CASE WHEN n.id IS NULL THEN NULL ELSE jsonb_build_object(
                    'nationalCaseId', n.national_case_id, 'duplicate', n.duplicate,
                    'httpStatus', n.http_status, 'receivedAt', n.received_at) END) ORDER BY o.id)
                   FROM outbox o LEFT JOIN national_receipts n ON n.outbox_id = o.id
                  WHERE o.hub_id = p.hub_id), '[]'::jsonb) AS submissions
  FROM petitions p WHERE p.hub_id = $1`;

interface LineageRow {
  hub_id: string;
  source_id: string;
  source_record_id: string;
  mapping_version: string;
  content_hash: string;
  national_case_id: string | null;
  created_at: Date;
  updated_at: Date;
  record: Petition;
  raws: Lineage['raws'];
  submissions: Lineage['submissions'];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lineage of one petition, or null when the hub id is unknown. */
export async function petitionLineage(pool: pg.Pool, hubId: string): Promise<Lineage | null> {
  if (!UUID.test(hubId)) return null;
  const { rows } = await pool.query<LineageRow>(LINEAGE_SQL, [hubId]);
  const r = rows[0];
  if (r === undefined) return null;
  return {
    hubId: r.hub_id,
    sourceId: r.source_id,
    sourceRecordId: r.source_record_id,
    mappingVersion: r.mapping_version,
    contentHash: r.content_hash,
    nationalCaseId: r.national_case_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    record: r.record,
    raws: r.raws,
    submissions: r.submissions,
  };
}

/** The hub id of a source record, or null. */
export async function findPetitionId(
  pool: pg.Pool,
  sourceId: string,
  sourceRecordId: string,
): Promise<string | null> {
  const { rows } = await pool.query<{ hub_id: string }>(
    'SELECT hub_id::text AS hub_id FROM petitions WHERE source_id = $1 AND source_record_id = $2',
    [sourceId, sourceRecordId],
  );
  return rows[0]?.hub_id ?? null;
}

/** The latest petitions of a source by received date (links from the runs page). */
export async function recentPetitions(
  pool: pg.Pool,
  sourceId: string,
  limit = 20,
): Promise<{ hubId: string; sourceRecordId: string; kind: string; receivedOn: string }[]> {
  const { rows } = await pool.query<{
    hub_id: string;
    source_record_id: string;
    kind: string;
    received_on: string;
  }>(
    `SELECT hub_id::text AS hub_id, source_record_id, kind, to_char(received_on, 'YYYY-MM-DD') AS received_on
       FROM petitions WHERE source_id = $1 ORDER BY received_on DESC LIMIT $2`,
    [sourceId, limit],
  );
  return rows.map((r) => ({
    hubId: r.hub_id,
    sourceRecordId: r.source_record_id,
    kind: r.kind,
    receivedOn: r.received_on,
  }));
}

/** The canonical records of some petitions by hub id (unknown or malformed ids are skipped). */
export async function petitionRecords(
  pool: pg.Pool,
  hubIds: readonly string[],
): Promise<Map<string, Petition>> {
  const ids = [...new Set(hubIds.filter((id) => UUID.test(id)))];
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<{ hub_id: string; record: Petition }>(
    'SELECT hub_id::text AS hub_id, record FROM petitions WHERE hub_id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.hub_id, r.record]));
}
