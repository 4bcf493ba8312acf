/**
 * PostgreSQL side of dedup: reading petitions to match, saving what the matcher decided (person
 * and case membership with the link's score and reasons, review pairs, petitions'
 * original_hub_id) set-based, one statement per table per batch, each batch one JSON document.
 */
import type pg from 'pg';
import type { MatchingRecord } from '../core/matching/engine.ts';
import { queueSyncSteps } from './dedup-push-repo.ts';

/** The parts of a canonical petition matching reads (the rest is never loaded). */
export type { MatchingRecord };

/** A stored petition as the matcher reads it, with its persisted clusters when it has them. */
export interface DedupPetitionRow {
  readonly hubId: string;
  readonly sourceId: string;
  readonly record: MatchingRecord;
  readonly caseId: string | null;
  readonly originalHubId: string | null;
  /** Person id per petitioner index (empty when not yet resolved). */
  readonly personIds: readonly string[];
  /** Receipt date as days since 1970-01-01 and creation instant (ms): the order of resolution. */
  readonly receivedDay: number;
  readonly createdMs: number;
}

/** Reasons already serialised as JSON (a re-cluster keeps a million of them as strings, not objects). */
export class RawJson {
  constructor(readonly json: string) {}
}

const json = (x: unknown): string => (x instanceof RawJson ? x.json : JSON.stringify(x ?? null));

/**
 * Rows as one JSON array document (jsonb_to_recordset reads it): serialised natively and parsed
 * once by PostgreSQL, where array parameters of JSON strings cost more to escape than to build.
 * Each row's reasons are spliced in as written.
 */
function document<T extends { readonly reasons: unknown }>(
  rows: readonly T[],
  fields: (row: T) => Record<string, unknown>,
): string {
  const items = rows.map(
    (r) => `${JSON.stringify(fields(r)).slice(0, -1)},"reasons":${json(r.reasons)}}`,
  );
  return `[${items.join(',')}]`;
}

/** A person record decision to save. */
export interface PersonRow {
  readonly hubId: string;
  readonly idx: number;
  readonly personId: string;
  readonly linkedTo: string | null;
  readonly score: number | null;
  readonly reasons: unknown;
}

/** A case membership decision to save. */
export interface CaseRow {
  readonly hubId: string;
  readonly caseId: string;
  readonly originalHubId: string;
  readonly linkedTo: string | null;
  readonly score: number | null;
  readonly reasons: unknown;
}

/** A review pair to save. */
export interface ReviewRow {
  readonly kind: 'person' | 'case';
  readonly leftRef: string;
  readonly rightRef: string;
  readonly score: number;
  readonly reasons: unknown;
}

/** The parts of the record matching reads, and the columns that give the order of receipt. */
const RECORD_AND_ORDER = `
       jsonb_strip_nulls(jsonb_build_object(
         'petitioners', p.record -> 'petitioners', 'kind', p.record -> 'kind',
         'content', p.record -> 'content', 'anonymous', p.record -> 'anonymous',
         'receipt', jsonb_build_object('receivedAt', p.record #> '{receipt,receivedAt}'))) AS record,
       (p.received_on - date '1970-01-01') AS received_day,
       (extract(epoch FROM p.created_at) * 1000)::float8 AS created_ms`;

const SELECT_PETITIONS = `
SELECT p.hub_id, p.source_id, c.case_id, c.original_hub_id,
       coalesce((SELECT array_agg(r.person_id::text ORDER BY r.idx) FROM dedup_person_records r
                  WHERE r.hub_id = p.hub_id), '{}') AS person_ids, ${RECORD_AND_ORDER}
  FROM petitions p LEFT JOIN dedup_case_members c ON c.hub_id = p.hub_id`;

/** The same without the cluster columns, for petitions not resolved yet (a lighter query). */
const SELECT_UNRESOLVED = `
SELECT p.hub_id, p.source_id, NULL::uuid AS case_id, NULL::uuid AS original_hub_id,
       '{}'::text[] AS person_ids, ${RECORD_AND_ORDER}
  FROM petitions p`;

interface RawRow {
  hub_id: string;
  source_id: string;
  record: MatchingRecord;
  case_id: string | null;
  original_hub_id: string | null;
  person_ids: string[];
  received_day: number;
  created_ms: number;
}

function toRow(r: RawRow): DedupPetitionRow {
  return {
    hubId: r.hub_id,
    sourceId: r.source_id,
    record: r.record,
    caseId: r.case_id,
    originalHubId: r.original_hub_id,
    personIds: r.person_ids,
    receivedDay: r.received_day,
    createdMs: r.created_ms,
  };
}

/**
 * Petitions by hub id, in order of receipt; `resolved: false` leaves out the cluster columns
 * (for petitions not resolved yet: a lighter query).
 */
export async function petitionsByHubIds(
  pool: pg.Pool,
  hubIds: readonly string[],
  resolved = true,
): Promise<DedupPetitionRow[]> {
  if (hubIds.length === 0) return [];
  const { rows } = await pool.query<RawRow>(
    `${resolved ? SELECT_PETITIONS : SELECT_UNRESOLVED} WHERE p.hub_id = ANY($1::uuid[]) ORDER BY p.received_on, p.created_at, p.hub_id`,
    [hubIds],
  );
  return rows.map(toRow);
}

/** Hub ids of the petitions behind outbox entries (new and changed petitions of a batch). */
export async function hubIdsOfOutbox(
  pool: pg.Pool,
  outboxIds: readonly string[],
): Promise<string[]> {
  if (outboxIds.length === 0) return [];
  const { rows } = await pool.query<{ hub_id: string }>(
    'SELECT DISTINCT hub_id FROM outbox WHERE id = ANY($1::bigint[])',
    [outboxIds],
  );
  return rows.map((r) => r.hub_id);
}

/**
 * Every petition in pages, in no particular order (sorting a million rows with their JSON would
 * spill to disk; callers that need the order of receipt sort by receivedDay, createdMs, hubId),
 * read through one server-side cursor.
 */
export async function* allPetitions(
  pool: pg.Pool,
  pageSize = 5000,
): AsyncGenerator<DedupPetitionRow[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`DECLARE dedup_all NO SCROLL CURSOR FOR ${SELECT_PETITIONS}`);
    for (;;) {
      const { rows } = await client.query<RawRow>(`FETCH ${pageSize} FROM dedup_all`);
      if (rows.length === 0) break;
      yield rows.map(toRow);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Saves person and case decisions and new review pairs; updates petitions.original_hub_id and
 * queues the national push of petitions whose original changed (dedup-push-repo.ts). Returns the
 * highest dedup_case_members.seq written (the caller holds the dedup lock, so it is the highest).
 */
export async function saveDecisions(
  client: pg.PoolClient,
  persons: readonly PersonRow[],
  cases: readonly CaseRow[],
  reviews: readonly ReviewRow[],
): Promise<{ maxSeq: string | null }> {
  let maxSeq: string | null = null;
  if (persons.length > 0) {
    await client.query(
      `INSERT INTO dedup_person_records (hub_id, idx, person_id, linked_to, score, reasons)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(hub_id uuid, idx int, person_id uuid, linked_to text, score float8, reasons jsonb)
       ON CONFLICT (hub_id, idx) DO UPDATE
          SET person_id = EXCLUDED.person_id, linked_to = EXCLUDED.linked_to, score = EXCLUDED.score,
              reasons = EXCLUDED.reasons, updated_at = now()`,
      [
        document(persons, (p) => ({
          hub_id: p.hubId,
          idx: p.idx,
          person_id: p.personId,
          linked_to: p.linkedTo,
          score: p.score,
        })),
      ],
    );
  }
  if (cases.length > 0) {
    const linked = await client.query<{ hub_id: string | null; sent: boolean; seq: string | null }>(
      `WITH saved AS (
         INSERT INTO dedup_case_members (hub_id, case_id, original_hub_id, linked_to, score, reasons)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(hub_id uuid, case_id uuid, original_hub_id uuid, linked_to uuid, score float8,
                reasons jsonb)
         ON CONFLICT (hub_id) DO UPDATE
            SET case_id = EXCLUDED.case_id, original_hub_id = EXCLUDED.original_hub_id,
                linked_to = EXCLUDED.linked_to, score = EXCLUDED.score, reasons = EXCLUDED.reasons,
                updated_at = now()
         RETURNING hub_id, original_hub_id, seq
       ), changed AS (
       UPDATE petitions p
          SET original_hub_id = CASE WHEN s.original_hub_id = p.hub_id THEN NULL ELSE s.original_hub_id END,
              revision = p.revision + 1
         FROM saved s
        WHERE p.hub_id = s.hub_id
          AND p.original_hub_id IS DISTINCT FROM
              (CASE WHEN s.original_hub_id = p.hub_id THEN NULL ELSE s.original_hub_id END)
       RETURNING p.hub_id, p.national_case_id IS NOT NULL AS sent
       )
       SELECT hub_id, sent, NULL::text AS seq FROM changed
       UNION ALL SELECT NULL, NULL, max(seq)::text FROM saved`,
      [
        document(cases, (c) => ({
          hub_id: c.hubId,
          case_id: c.caseId,
          original_hub_id: c.originalHubId,
          linked_to: c.linkedTo,
          score: c.score,
        })),
      ],
    );
    await queueSyncSteps(
      client,
      linked.rows.flatMap((r) => (r.sent && r.hub_id !== null ? [r.hub_id] : [])),
    );
    maxSeq = linked.rows.find((r) => r.seq !== null)?.seq ?? null;
  }
  if (reviews.length > 0) {
    await client.query(
      `INSERT INTO dedup_reviews (kind, left_ref, right_ref, score, reasons)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(kind text, left_ref text, right_ref text, score float8, reasons jsonb)
       ON CONFLICT (kind, left_ref, right_ref) DO NOTHING`,
      [
        document(reviews, (r) => ({
          kind: r.kind,
          left_ref: r.leftRef,
          right_ref: r.rightRef,
          score: r.score,
        })),
      ],
    );
  }
  return { maxSeq };
}

/** Newest estimated parameters, or null. */
export async function latestParams(pool: pg.Pool): Promise<unknown> {
  const { rows } = await pool.query<{ params: unknown }>(
    'SELECT params FROM dedup_params ORDER BY id DESC LIMIT 1',
  );
  return rows[0]?.params ?? null;
}

/** Stores newly estimated parameters. */
export async function saveParams(pool: pg.Pool, params: unknown, sample: number): Promise<void> {
  await pool.query('INSERT INTO dedup_params (params, sample) VALUES ($1::jsonb, $2)', [
    JSON.stringify(params),
    sample,
  ]);
}
