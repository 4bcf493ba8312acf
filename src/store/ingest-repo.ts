/**
 * The ingest hot path: one batch from a source becomes durable in one transaction — raw
 * records, canonical petitions, outbox rows for the national push, rejections, the cursor and the
 * run's counts — so a crash leaves either all of it or none, and the cursor never runs ahead of
 * the data. Each table gets one set-based statement per batch (arrays unnested server-side).
 */
import type pg from 'pg';
import type { Cursor } from '../../adapters/contract.ts';
import type { FieldError } from '../core/field-error.ts';
import type { Petition } from '../core/petition-schema.ts';
import { HubError } from '../lib/errors.ts';
import { assertBigintId, withTransaction } from './tx.ts';

/** One source record exactly as delivered. */
export interface IngestRaw {
  readonly sourceRecordId: string;
  readonly payload: unknown;
  /** SHA-256 (hex) of the record's bytes as received. */
  readonly bytesHash: string;
  /**
   * The bytes as received, only when the payload cannot reproduce them (a legacy-encoded or
   * NFD CSV row, stored in the payload as NFC text); kept in raw_records.original.
   */
  readonly original?: Buffer;
}

/** One record that mapped and validated cleanly. */
export interface IngestPetition {
  readonly sourceRecordId: string;
  readonly record: Petition;
  readonly contentHash: string;
  readonly mappingVersion: string;
  readonly kind: string;
  /** Calendar date YYYY-MM-DD. */
  readonly receivedOn: string;
}

/** One record that failed mapping or validation, with every reason. */
export interface IngestRejection {
  readonly sourceRecordId: string;
  readonly errors: readonly FieldError[];
}

/** A batch of one run of one source, with the cursor that resumes after it. */
export interface IngestBatch {
  readonly runId: string;
  readonly sourceId: string;
  readonly cursor: Cursor;
  readonly raws: readonly IngestRaw[];
  readonly petitions: readonly IngestPetition[];
  readonly rejections: readonly IngestRejection[];
}

/** What the batch changed; outboxIds are the submissions to enqueue for the national push. */
export interface IngestResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly outboxIds: string[];
}

/** Last occurrence per sourceRecordId wins, in batch order. */
function lastById<T extends { readonly sourceRecordId: string }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(item.sourceRecordId);
    byId.set(item.sourceRecordId, item);
  }
  return [...byId.values()];
}

/**
 * Stores a batch atomically. Duplicate sourceRecordIds keep their last occurrence; a record both
 * accepted and rejected in one batch counts as accepted. Run counts added: pulled = raws
 * delivered, stored = inserted + updated, unchanged, rejected = distinct records rejected.
 */
export async function commitBatch(pool: pg.Pool, batch: IngestBatch): Promise<IngestResult> {
  const runId = assertBigintId('run', batch.runId);
  const petitions = lastById(batch.petitions);
  const accepted = new Set(petitions.map((p) => p.sourceRecordId));
  const rejections = lastById(batch.rejections).filter((r) => !accepted.has(r.sourceRecordId));
  return withTransaction(pool, async (client) => {
    await lockRun(client, batch.sourceId, runId);
    await insertRaws(client, batch.sourceId, runId, batch.raws);
    const upsert = await upsertPetitions(client, batch.sourceId, petitions);
    await replaceRejections(client, batch.sourceId, runId, rejections, [...accepted]);
    const unchanged = petitions.length - upsert.inserted - upsert.updated;
    await saveCursorAndCounts(client, batch, runId, {
      pulled: batch.raws.length,
      stored: upsert.inserted + upsert.updated,
      unchanged,
      rejected: rejections.length,
    });
    return { ...upsert, unchanged, rejected: rejections.length };
  });
}

async function insertRaws(
  client: pg.PoolClient,
  sourceId: string,
  runId: string,
  raws: readonly IngestRaw[],
): Promise<void> {
  if (raws.length === 0) return;
  // Most batches carry no original bytes: then the column is left out of the statement.
  const withOriginal = raws.some((r) => r.original !== undefined);
  const params: unknown[] = [
    sourceId,
    runId,
    raws.map((r) => r.sourceRecordId),
    raws.map((r) => JSON.stringify(r.payload ?? null)),
    raws.map((r) => r.bytesHash),
  ];
  if (withOriginal) params.push(raws.map((r) => r.original ?? null));
  await client.query(
    withOriginal
      ? `INSERT INTO raw_records (source_id, source_record_id, run_id, payload, bytes_hash, original)
         SELECT $1, r.source_record_id, $2, r.payload::jsonb, r.bytes_hash, r.original
           FROM unnest($3::text[], $4::text[], $5::text[], $6::bytea[])
                AS r(source_record_id, payload, bytes_hash, original)
         ON CONFLICT (source_id, source_record_id, bytes_hash) DO NOTHING`
      : `INSERT INTO raw_records (source_id, source_record_id, run_id, payload, bytes_hash)
         SELECT $1, r.source_record_id, $2, r.payload::jsonb, r.bytes_hash
           FROM unnest($3::text[], $4::text[], $5::text[]) AS r(source_record_id, payload, bytes_hash)
         ON CONFLICT (source_id, source_record_id, bytes_hash) DO NOTHING`,
    params,
  );
}

/*
 * Petitions are upserted only where the content hash differs, so unchanged rows are neither
 * written nor queued. `xmax = 0` tells a fresh insert from an update. Every content change raises
 * the petition's `revision`, and queues one outbox step ('create' for a new petition, 'sync' for a
 * change) with a placeholder key `<hub id>:q:<uuid>`: the push stamps the real, content-bound
 * key on the first attempt (src/store/outbox-repo.ts). A petition that already has a pending step
 * gets no second one (partial unique index outbox_one_pending_per_petition, hence ON CONFLICT DO
 * NOTHING): that step sends the current record, and its acknowledgement queues what is still
 * missing. The index is checked against committed rows, not the statement's snapshot, so an
 * acknowledgement committing meanwhile never makes a change disappear.
 */
const UPSERT_PETITIONS_SQL = `
WITH upserted AS (
  INSERT INTO petitions AS p
         (source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
  SELECT $1, i.source_record_id, i.record::jsonb, i.content_hash, i.mapping_version, i.kind,
         i.received_on
    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[])
         AS i(source_record_id, record, content_hash, mapping_version, kind, received_on)
  ON CONFLICT (source_id, source_record_id) DO UPDATE
     SET record = EXCLUDED.record, content_hash = EXCLUDED.content_hash,
         mapping_version = EXCLUDED.mapping_version, kind = EXCLUDED.kind,
         received_on = EXCLUDED.received_on, revision = p.revision + 1, updated_at = now()
   WHERE p.content_hash <> EXCLUDED.content_hash
  RETURNING p.hub_id, p.content_hash, p.revision, (p.xmax = 0) AS inserted
), queued AS (
  INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
  SELECT u.hub_id, $1,
         CASE WHEN u.inserted THEN 'create' ELSE 'sync' END,
         u.hub_id || ':q:' || gen_random_uuid(),
         u.content_hash, u.revision
    FROM upserted u
  ON CONFLICT DO NOTHING
  RETURNING id
)
SELECT (SELECT count(*) FROM upserted WHERE inserted)::int AS inserted,
       (SELECT count(*) FROM upserted WHERE NOT inserted)::int AS updated,
       ARRAY(SELECT id::text FROM queued ORDER BY id) AS outbox_ids`;

async function upsertPetitions(
  client: pg.PoolClient,
  sourceId: string,
  petitions: readonly IngestPetition[],
): Promise<{ inserted: number; updated: number; outboxIds: string[] }> {
  if (petitions.length === 0) return { inserted: 0, updated: 0, outboxIds: [] };
  const { rows } = await client.query<{ inserted: number; updated: number; outbox_ids: string[] }>(
    UPSERT_PETITIONS_SQL,
    [
      sourceId,
      petitions.map((p) => p.sourceRecordId),
      petitions.map((p) => JSON.stringify(p.record)),
      petitions.map((p) => p.contentHash),
      petitions.map((p) => p.mappingVersion),
      petitions.map((p) => p.kind),
      petitions.map((p) => p.receivedOn),
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new HubError('KNTC_INTERNAL', 'Petition upsert returned no row.');
  return { inserted: row.inserted, updated: row.updated, outboxIds: row.outbox_ids };
}

/*
 * A rejected record's unresolved errors are replaced by the new ones; an accepted record's
 * unresolved errors are stamped resolved. One statement for all three.
 */
const REJECTIONS_SQL = `
WITH replaced AS (
  DELETE FROM rejected_records
   WHERE source_id = $1 AND resolved_at IS NULL AND source_record_id = ANY($3::text[])
), resolved AS (
  UPDATE rejected_records SET resolved_at = now()
   WHERE source_id = $1 AND resolved_at IS NULL AND source_record_id = ANY($10::text[])
)
INSERT INTO rejected_records (source_id, source_record_id, run_id, field, source_field, value, code, message)
SELECT $1, e.source_record_id, $2, e.field, e.source_field, e.value, e.code, e.message
  FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS e(source_record_id, field, source_field, value, code, message)`;

async function replaceRejections(
  client: pg.PoolClient,
  sourceId: string,
  runId: string,
  rejections: readonly IngestRejection[],
  acceptedIds: readonly string[],
): Promise<void> {
  if (rejections.length === 0 && acceptedIds.length === 0) return;
  const errors = rejections.flatMap((r) =>
    r.errors.map((e) => ({ sourceRecordId: r.sourceRecordId, ...e })),
  );
  await client.query(REJECTIONS_SQL, [
    sourceId,
    runId,
    rejections.map((r) => r.sourceRecordId),
    errors.map((e) => e.sourceRecordId),
    errors.map((e) => e.field),
    errors.map((e) => e.sourceField ?? null),
    errors.map((e) => e.value ?? null),
    errors.map((e) => e.code),
    errors.map((e) => e.message),
    acceptedIds,
  ]);
}

interface RunCounts {
  readonly pulled: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/**
 * Checks that the run exists and belongs to the batch's source, and locks it so batches of one
 * run commit one after another. This check stands in for foreign keys on the hot tables.
 */
async function lockRun(client: pg.PoolClient, sourceId: string, runId: string): Promise<void> {
  const { rowCount } = await client.query(
    'SELECT 1 FROM sync_runs WHERE id = $1 AND source_id = $2 FOR UPDATE',
    [runId, sourceId],
  );
  if (rowCount === 1) return;
  throw new HubError(
    'KNTC_INTERNAL',
    `Sync run ${runId} of source "${sourceId}" does not exist; the batch was not stored.`,
    { details: { sourceId, runId } },
  );
}

/** Saves the cursor and adds the batch counts to its (locked) run, in one statement. */
async function saveCursorAndCounts(
  client: pg.PoolClient,
  batch: IngestBatch,
  runId: string,
  counts: RunCounts,
): Promise<void> {
  await client.query(
    `WITH run AS (
       UPDATE sync_runs
          SET pulled = pulled + $4, stored = stored + $5, unchanged = unchanged + $6,
              rejected = rejected + $7
        WHERE id = $2 AND source_id = $1
     )
     INSERT INTO source_cursors (source_id, cursor, run_id)
     VALUES ($1, $3::jsonb, $2)
     ON CONFLICT (source_id) DO UPDATE
        SET cursor = EXCLUDED.cursor, run_id = EXCLUDED.run_id, updated_at = now()`,
    [
      batch.sourceId,
      runId,
      JSON.stringify(batch.cursor),
      counts.pulled,
      counts.stored,
      counts.unchanged,
      counts.rejected,
    ],
  );
}
