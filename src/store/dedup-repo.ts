/**
 * PostgreSQL side of dedup: reading petitions to match, saving what the matcher decided (person
 * and case membership with the link's score and reasons, review pairs, petitions'
 * original_hub_id) set-based, one statement per table per batch.
 */
import type pg from 'pg';
import type { Petition } from '../core/petition-schema.ts';

/** A stored petition as the matcher reads it, with its persisted clusters when it has them. */
export interface DedupPetitionRow {
  readonly hubId: string;
  readonly sourceId: string;
  readonly record: Petition;
  readonly caseId: string | null;
  readonly originalHubId: string | null;
  /** Person id per petitioner index (empty when not yet resolved). */
  readonly personIds: readonly string[];
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

const SELECT_PETITIONS = `
SELECT p.hub_id, p.source_id, p.record, c.case_id, c.original_hub_id,
       coalesce((SELECT array_agg(r.person_id::text ORDER BY r.idx) FROM dedup_person_records r
                  WHERE r.hub_id = p.hub_id), '{}') AS person_ids
  FROM petitions p LEFT JOIN dedup_case_members c ON c.hub_id = p.hub_id`;

interface RawRow {
  hub_id: string;
  source_id: string;
  record: Petition;
  case_id: string | null;
  original_hub_id: string | null;
  person_ids: string[];
}

function toRow(r: RawRow): DedupPetitionRow {
  return {
    hubId: r.hub_id,
    sourceId: r.source_id,
    record: r.record,
    caseId: r.case_id,
    originalHubId: r.original_hub_id,
    personIds: r.person_ids,
  };
}

/** Petitions by hub id, in order of receipt. */
export async function petitionsByHubIds(
  pool: pg.Pool,
  hubIds: readonly string[],
): Promise<DedupPetitionRow[]> {
  if (hubIds.length === 0) return [];
  const { rows } = await pool.query<RawRow>(
    `${SELECT_PETITIONS} WHERE p.hub_id = ANY($1::uuid[]) ORDER BY p.received_on, p.created_at, p.hub_id`,
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
 * Every petition in pages, in order of receipt, read through one server-side cursor (a keyset
 * walk over a million petitions would sort the table once per page).
 */
export async function* allPetitions(
  pool: pg.Pool,
  pageSize = 5000,
): AsyncGenerator<DedupPetitionRow[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(
      `DECLARE dedup_all NO SCROLL CURSOR FOR ${SELECT_PETITIONS} ORDER BY p.received_on, p.created_at, p.hub_id`,
    );
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

/** Saves person and case decisions and new review pairs; updates petitions.original_hub_id. */
export async function saveDecisions(
  client: pg.PoolClient,
  persons: readonly PersonRow[],
  cases: readonly CaseRow[],
  reviews: readonly ReviewRow[],
): Promise<void> {
  if (persons.length > 0) {
    await client.query(
      `INSERT INTO dedup_person_records (hub_id, idx, person_id, linked_to, score, reasons)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::float8[], $6::jsonb[])
       ON CONFLICT (hub_id, idx) DO UPDATE
          SET person_id = EXCLUDED.person_id, linked_to = EXCLUDED.linked_to, score = EXCLUDED.score,
              reasons = EXCLUDED.reasons, updated_at = now()`,
      [
        persons.map((p) => p.hubId),
        persons.map((p) => p.idx),
        persons.map((p) => p.personId),
        persons.map((p) => p.linkedTo),
        persons.map((p) => p.score),
        persons.map((p) => JSON.stringify(p.reasons ?? null)),
      ],
    );
  }
  if (cases.length > 0) {
    await client.query(
      `WITH saved AS (
         INSERT INTO dedup_case_members (hub_id, case_id, original_hub_id, linked_to, score, reasons)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::float8[], $6::jsonb[])
         ON CONFLICT (hub_id) DO UPDATE
            SET case_id = EXCLUDED.case_id, original_hub_id = EXCLUDED.original_hub_id,
                linked_to = EXCLUDED.linked_to, score = EXCLUDED.score, reasons = EXCLUDED.reasons,
                updated_at = now()
         RETURNING hub_id, original_hub_id
       )
       UPDATE petitions p
          SET original_hub_id = CASE WHEN s.original_hub_id = p.hub_id THEN NULL ELSE s.original_hub_id END
         FROM saved s
        WHERE p.hub_id = s.hub_id
          AND p.original_hub_id IS DISTINCT FROM
              (CASE WHEN s.original_hub_id = p.hub_id THEN NULL ELSE s.original_hub_id END)`,
      [
        cases.map((c) => c.hubId),
        cases.map((c) => c.caseId),
        cases.map((c) => c.originalHubId),
        cases.map((c) => c.linkedTo),
        cases.map((c) => c.score),
        cases.map((c) => JSON.stringify(c.reasons ?? null)),
      ],
    );
  }
  if (reviews.length > 0) {
    await client.query(
      `INSERT INTO dedup_reviews (kind, left_ref, right_ref, score, reasons)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::jsonb[])
       ON CONFLICT (kind, left_ref, right_ref) DO NOTHING`,
      [
        reviews.map((r) => r.kind),
        reviews.map((r) => r.leftRef),
        reviews.map((r) => r.rightRef),
        reviews.map((r) => r.score),
        reviews.map((r) => JSON.stringify(r.reasons)),
      ],
    );
  }
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
