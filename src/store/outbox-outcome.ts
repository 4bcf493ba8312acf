/**
 * Recording what the national side did with a batch of submissions, in one statement per kind
 * of outcome. Acknowledged: submission closed, receipt stored, the petition's national case id
 * and acknowledged stage hash set, older dead submissions of the petition superseded, and the
 * next step queued when the national side still lacks something (a later stage, or content that
 * changed in flight). Failed: the attempt counted with its error; or, for good, the submission
 * dead-lettered with what the national side said — and when the petition changed while that
 * submission was in flight, its current content queued at once (it may well be the fix), so a
 * newer revision never waits behind a dead letter. Recording twice changes nothing.
 */
import type pg from 'pg';
import { unknownSubmission, type NationalReceipt, type OutboxError } from './outbox-repo.ts';
import { assertBigintId } from './tx.ts';

/** One acknowledgement of a batch. */
export interface Acknowledgement {
  readonly outboxId: string;
  readonly receipt: NationalReceipt;
  /** The national side lacks a later stage of the same content: queue the next step. */
  readonly moreAtThisRevision: boolean;
}

/** One failure of a batch. */
export interface Failure {
  readonly outboxId: string;
  readonly error: OutboxError;
  /** True: give up (dead letter, attempts not counted again); false: count a failed attempt. */
  readonly dead: boolean;
}

/** What recording did to one submission. */
export interface Recorded {
  /** False when the submission was no longer pending (settled by another attempt). */
  readonly changed: boolean;
  /** The next step queued for the same petition, to enqueue. */
  readonly followUpId: string | null;
}

/*
 * The petition rows are locked first, in hub id order (the acknowledgement reads from `pet`, so
 * `pet` runs first): commitBatch locks petitions before inserting outbox rows too, so an ingest
 * of the same petitions and this statement wait for each other rather than deadlock (the rare
 * deadlock left, with an ingest that locks in another order, is retried by `withRetry`).
 */
const ACK_SQL = `
WITH a AS (
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::int[], $5::timestamptz[],
                       $6::boolean[])
         AS a(id, national_case_id, duplicate, http_status, received_at, more)
), sub AS (
  SELECT o.id, o.hub_id, o.source_id, o.stage, o.body_hash, o.submission_key, o.revision,
         a.national_case_id, a.duplicate, a.http_status, a.received_at, a.more
    FROM outbox o JOIN a ON a.id = o.id WHERE o.status = 'pending'
), locked AS (
  SELECT p.hub_id FROM petitions p WHERE p.hub_id IN (SELECT hub_id FROM sub)
   ORDER BY p.hub_id FOR UPDATE
), pet AS (
  UPDATE petitions p
     SET national_case_id = sub.national_case_id,
         national_acked = CASE WHEN sub.stage IS NULL OR sub.body_hash IS NULL THEN p.national_acked
                          ELSE jsonb_set(p.national_acked, ARRAY[sub.stage::text], to_jsonb(sub.body_hash::text)) END
    FROM sub WHERE p.hub_id = sub.hub_id AND p.hub_id IN (SELECT hub_id FROM locked)
  RETURNING p.hub_id, p.revision AS current_revision, p.content_hash
), ack AS (
  UPDATE outbox o
     SET status = 'acknowledged', attempts = attempts + 1, acknowledged_at = now(),
         first_attempt_at = coalesce(first_attempt_at, now()), lease_until = NULL, updated_at = now()
    FROM sub JOIN pet ON pet.hub_id = sub.hub_id
   WHERE o.id = sub.id AND o.status = 'pending'
  RETURNING o.id
), receipt AS (
  INSERT INTO national_receipts
         (outbox_id, national_case_id, duplicate, http_status, received_at, stage, submission_key)
  SELECT sub.id, sub.national_case_id, sub.duplicate, sub.http_status, sub.received_at, sub.stage,
         sub.submission_key
    FROM sub JOIN ack ON ack.id = sub.id
  ON CONFLICT (outbox_id) DO NOTHING
), superseded AS (
  UPDATE outbox d SET status = 'superseded', updated_at = now()
    FROM sub JOIN ack ON ack.id = sub.id
   WHERE d.hub_id = sub.hub_id AND d.status = 'dead' AND d.id < sub.id
), follow AS (
  INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
  SELECT pet.hub_id, sub.source_id, 'sync', pet.hub_id::text || ':q:' || gen_random_uuid(),
         pet.content_hash, pet.current_revision
    FROM sub JOIN ack ON ack.id = sub.id JOIN pet ON pet.hub_id = sub.hub_id
   WHERE sub.more OR pet.current_revision > sub.revision
  ON CONFLICT DO NOTHING
  RETURNING id, hub_id
)
SELECT a.id::text AS id, (ack.id IS NOT NULL) AS changed, follow.id::text AS follow_up_id,
       EXISTS (SELECT 1 FROM outbox x WHERE x.id = a.id) AS found
  FROM a LEFT JOIN ack ON ack.id = a.id
  LEFT JOIN sub ON sub.id = a.id LEFT JOIN follow ON follow.hub_id = sub.hub_id`;

const FAIL_SQL = `
WITH f AS (
  SELECT * FROM unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[], $5::text[])
         AS f(id, dead, code, message, national)
), upd AS (
  UPDATE outbox o
     SET attempts = CASE WHEN f.dead THEN o.attempts ELSE o.attempts + 1 END,
         status = CASE WHEN f.dead THEN 'dead' ELSE o.status END,
         last_error_code = f.code, last_error = f.message,
         national_error = CASE WHEN f.dead THEN f.national::jsonb ELSE o.national_error END,
         dead_at = CASE WHEN f.dead THEN now() ELSE o.dead_at END,
         first_attempt_at = coalesce(o.first_attempt_at, now()), lease_until = NULL,
         updated_at = now()
    FROM f WHERE o.id = f.id AND o.status = 'pending'
  RETURNING o.id, o.hub_id, o.source_id, o.revision, f.dead
), follow AS (
  INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
  SELECT p.hub_id, upd.source_id, 'sync', p.hub_id::text || ':q:' || gen_random_uuid(),
         p.content_hash, p.revision
    FROM upd JOIN petitions p ON p.hub_id = upd.hub_id
   WHERE upd.dead AND p.revision > upd.revision
  ON CONFLICT DO NOTHING
  RETURNING id, hub_id
)
SELECT f.id::text AS id, (upd.id IS NOT NULL) AS changed, follow.id::text AS follow_up_id,
       EXISTS (SELECT 1 FROM outbox x WHERE x.id = f.id) AS found
  FROM f LEFT JOIN upd ON upd.id = f.id LEFT JOIN follow ON follow.hub_id = upd.hub_id`;

interface OutcomeRow {
  id: string;
  changed: boolean;
  follow_up_id: string | null;
  found: boolean;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the statement may be run again. */
const RETRYABLE = new Set(['40P01', '40001']);

async function withRetry<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (i >= tries || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
    }
  }
}

function toRecorded(rows: readonly OutcomeRow[]): Map<string, Recorded> {
  return new Map(
    rows.map((r) => [r.id, { changed: r.changed, followUpId: r.follow_up_id }] as const),
  );
}

/** Records acknowledgements in one statement; each id gets what was done (see Recorded). */
export async function recordAcknowledgements(
  pool: pg.Pool,
  acks: readonly Acknowledgement[],
): Promise<Map<string, Recorded>> {
  if (acks.length === 0) return new Map();
  const params = [
    acks.map((a) => assertBigintId('outbox', a.outboxId)),
    acks.map((a) => a.receipt.nationalCaseId),
    acks.map((a) => a.receipt.duplicate),
    acks.map((a) => a.receipt.httpStatus),
    acks.map((a) => a.receipt.receivedAt),
    acks.map((a) => a.moreAtThisRevision),
  ];
  const { rows } = await withRetry(() => pool.query<OutcomeRow>(ACK_SQL, params));
  const missing = rows.find((r) => !r.found);
  if (missing !== undefined) throw unknownSubmission(missing.id);
  return toRecorded(rows);
}

/** Records failed attempts and dead letters in one statement. */
export async function recordFailures(
  pool: pg.Pool,
  failures: readonly Failure[],
): Promise<Map<string, Recorded>> {
  if (failures.length === 0) return new Map();
  const params = [
    failures.map((f) => assertBigintId('outbox', f.outboxId)),
    failures.map((f) => f.dead),
    failures.map((f) => f.error.code),
    failures.map((f) => f.error.message),
    failures.map((f) => JSON.stringify(f.error.national ?? null)),
  ];
  const { rows } = await withRetry(() => pool.query<OutcomeRow>(FAIL_SQL, params));
  const missing = rows.find((r) => !r.found);
  if (missing !== undefined) throw unknownSubmission(missing.id);
  return toRecorded(rows);
}

/**
 * Records one acknowledgement (see recordAcknowledgements); returns the follow-up's outbox id,
 * if one was queued. Calling it again for the same submission changes nothing.
 */
export async function recordAcknowledged(
  pool: pg.Pool,
  outboxId: string,
  receipt: NationalReceipt,
  moreAtThisRevision = false,
): Promise<string | null> {
  const done = await recordAcknowledgements(pool, [{ outboxId, receipt, moreAtThisRevision }]);
  return done.get(assertBigintId('outbox', outboxId))?.followUpId ?? null;
}

/** Counts a failed attempt of a pending submission and keeps its last error. */
export async function recordAttemptFailed(
  pool: pg.Pool,
  outboxId: string,
  error: OutboxError,
): Promise<void> {
  await recordFailures(pool, [{ outboxId, error, dead: false }]);
}

/**
 * Gives up on a pending submission (status 'dead'), keeping what the national side said;
 * attempts are not counted again. Returns the outbox id of the petition's current content when
 * it changed while this submission was in flight (queued at once), else null.
 */
export async function markDeadLetter(
  pool: pg.Pool,
  outboxId: string,
  error: OutboxError,
): Promise<string | null> {
  const done = await recordFailures(pool, [{ outboxId, error, dead: true }]);
  return done.get(assertBigintId('outbox', outboxId))?.followUpId ?? null;
}
