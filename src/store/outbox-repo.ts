/**
 * The outbox: submissions of petitions to the national database, written by commitBatch in the
 * same transaction as the petition, then sent by the push queue and the reconciler. A row is one
 * step that brings a petition up to date on the national side. On its first attempt the push
 * stamps the step (stage, exact body, body hash, content-bound submission key); every retry
 * re-sends those same bytes under that same key, so a crash or a lost reply never makes the
 * national side store anything twice. Acknowledging a step queues the next one when the
 * national side still lacks something (a later stage, or content that changed in flight).
 */
import type pg from 'pg';
import type { Petition } from '../core/petition-schema.ts';
import { HubError } from '../lib/errors.ts';
import { assertBigintId } from './tx.ts';

/** State of a submission. */
export type OutboxStatus = 'pending' | 'acknowledged' | 'dead' | 'skipped' | 'superseded';

/** A step as stamped on its first attempt. */
export interface StampedStep {
  readonly stage: number;
  readonly operation: 'create' | 'update' | 'stage';
  readonly body: unknown;
  readonly bodyHash: string;
  readonly submissionKey: string;
}

/** Everything the push needs to send one submission. */
export interface Submission {
  readonly id: string;
  readonly hubId: string;
  readonly sourceId: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** The petition's revision when this step was queued. */
  readonly revision: number;
  /** The petition's current revision. */
  readonly currentRevision: number;
  /** The stamped step, or null before the first attempt. */
  readonly step: StampedStep | null;
  readonly nationalCaseId: string | null;
  /** Body hash the national side acknowledged, per stage ("1".."5"). */
  readonly acked: Readonly<Partial<Record<string, string>>>;
  /** The petition's current record; provenance.originalPetitionId set for a known duplicate. */
  readonly record: Petition;
}

/** What the national database answered when it accepted a submission. */
export interface NationalReceipt {
  readonly nationalCaseId: string;
  readonly duplicate: boolean;
  readonly httpStatus: number;
  /** ISO-8601 instant. */
  readonly receivedAt: string;
}

/** A failed attempt or the reason for giving up (no personal data in the message). */
export interface OutboxError {
  readonly code: string;
  readonly message: string;
  /** What the national side said (e.g. 422 field errors), stored for the dead-letter view. */
  readonly national?: unknown;
}

interface SubmissionRow {
  id: string;
  hub_id: string;
  source_id: string;
  status: OutboxStatus;
  attempts: number;
  revision: number;
  current_revision: number;
  stage: number | null;
  operation: StampedStep['operation'] | 'sync';
  body: unknown;
  body_hash: string | null;
  submission_key: string;
  national_case_id: string | null;
  national_acked: Record<string, string>;
  original_hub_id: string | null;
  record: Petition;
}

const SUBMISSION_SQL = `
SELECT o.id::text AS id, o.hub_id::text AS hub_id, o.source_id, o.status, o.attempts, o.revision,
       p.revision AS current_revision, o.stage, o.operation, o.body, o.body_hash, o.submission_key,
       p.national_case_id, p.national_acked, p.original_hub_id::text AS original_hub_id, p.record
  FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
 WHERE o.id = $1`;

function withOriginal(record: Petition, originalHubId: string | null): Petition {
  if (originalHubId === null) return record;
  return { ...record, provenance: { ...record.provenance, originalPetitionId: originalHubId } };
}

function toSubmission(row: SubmissionRow): Submission {
  const stamped =
    row.stage !== null && row.body_hash !== null && row.operation !== 'sync'
      ? {
          stage: row.stage,
          operation: row.operation,
          body: row.body,
          bodyHash: row.body_hash,
          submissionKey: row.submission_key,
        }
      : null;
  return {
    id: row.id,
    hubId: row.hub_id,
    sourceId: row.source_id,
    status: row.status,
    attempts: row.attempts,
    revision: row.revision,
    currentRevision: row.current_revision,
    step: stamped,
    nationalCaseId: row.national_case_id,
    acked: row.national_acked,
    record: withOriginal(row.record, row.original_hub_id),
  };
}

/** Loads a submission with the petition's current record; null if the id is unknown. */
export async function loadSubmission(pool: pg.Pool, outboxId: string): Promise<Submission | null> {
  const { rows } = await pool.query<SubmissionRow>(SUBMISSION_SQL, [
    assertBigintId('outbox', outboxId),
  ]);
  const row = rows[0];
  return row === undefined ? null : toSubmission(row);
}

/** Result of claiming a submission for one attempt. */
export type Claim =
  | { readonly kind: 'claimed'; readonly submission: Submission }
  | { readonly kind: 'busy'; readonly leaseMs: number }
  | { readonly kind: 'not-pending'; readonly submission: Submission | null };

/**
 * Takes the row's lease for `leaseMs` and loads it, in one statement; 'busy' when another
 * attempt holds a live lease. The lease ends with the attempt's outcome (or by itself).
 */
export async function claimSubmission(
  pool: pg.Pool,
  outboxId: string,
  leaseMs: number,
): Promise<Claim> {
  const id = assertBigintId('outbox', outboxId);
  const { rows } = await pool.query<SubmissionRow & { claimed: boolean; lease_left_ms: number }>(
    `WITH claimed AS (
       UPDATE outbox SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id = $1 AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
       RETURNING id
     )
     SELECT s.*, EXISTS (SELECT 1 FROM claimed) AS claimed,
            coalesce(ceil(extract(epoch FROM (o.lease_until - now())) * 1000), 0)::int AS lease_left_ms
       FROM (${SUBMISSION_SQL}) s JOIN outbox o ON o.id = s.id::bigint`,
    [id, leaseMs],
  );
  const row = rows[0];
  if (row === undefined) return { kind: 'not-pending', submission: null };
  const submission = toSubmission(row);
  if (row.claimed) return { kind: 'claimed', submission };
  if (row.status !== 'pending') return { kind: 'not-pending', submission };
  return { kind: 'busy', leaseMs: Math.max(row.lease_left_ms, 50) };
}

/**
 * Stamps a pending submission's step and takes its lease in one statement, on the first attempt.
 * Returns false when another attempt stamped or leased it first (then claim it instead). The
 * revision stamped is the one whose content the body carries.
 */
export async function stampStep(
  pool: pg.Pool,
  outboxId: string,
  revision: number,
  step: StampedStep,
  leaseMs: number,
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE outbox SET stage = $2, operation = $3, body = $4::jsonb, body_hash = $5,
            submission_key = $6, revision = $7,
            lease_until = now() + make_interval(secs => $8::double precision / 1000)
      WHERE id = $1 AND status = 'pending' AND body_hash IS NULL
        AND (lease_until IS NULL OR lease_until < now())`,
    [
      assertBigintId('outbox', outboxId),
      step.stage,
      step.operation,
      JSON.stringify(step.body),
      step.bodyHash,
      step.submissionKey,
      revision,
      leaseMs,
    ],
  );
  return rowCount === 1;
}

/**
 * Closes a pending submission that had nothing left to send (status 'skipped'), unless another
 * attempt stamped or leased it meanwhile; returns whether it was closed.
 */
export async function markSkipped(pool: pg.Pool, outboxId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE outbox SET status = 'skipped', updated_at = now()
      WHERE id = $1 AND status = 'pending' AND body_hash IS NULL
        AND (lease_until IS NULL OR lease_until < now())`,
    [assertBigintId('outbox', outboxId)],
  );
  return rowCount === 1;
}

/*
 * One statement, so one commit. The petition row is locked first (the outbox update reads from
 * `pet`, so `pet` runs first): commitBatch locks petitions before inserting outbox rows too, so
 * an ingest of the same petition and this acknowledgement wait for each other instead of
 * deadlocking. A follow-up step is queued when the caller knows the national side lacks more at
 * this revision, or when the petition changed after the step was stamped (its revision rose);
 * an ingest that ran while this step was pending found the pending row and queued nothing.
 */
const ACK_SQL = `
WITH sub AS (
  SELECT id, hub_id, source_id, stage, body_hash, submission_key, revision
    FROM outbox WHERE id = $1 AND status = 'pending'
), pet AS (
  UPDATE petitions p
     SET national_case_id = $2,
         national_acked = CASE WHEN sub.stage IS NULL OR sub.body_hash IS NULL THEN p.national_acked
                          ELSE jsonb_set(p.national_acked, ARRAY[sub.stage::text], to_jsonb(sub.body_hash::text)) END
    FROM sub WHERE p.hub_id = sub.hub_id
  RETURNING p.hub_id, p.revision AS current_revision, p.content_hash
), ack AS (
  UPDATE outbox o
     SET status = 'acknowledged', attempts = attempts + 1, acknowledged_at = now(),
         first_attempt_at = coalesce(first_attempt_at, now()), lease_until = NULL, updated_at = now()
    FROM pet WHERE o.id = $1 AND o.hub_id = pet.hub_id AND o.status = 'pending'
  RETURNING o.id
), receipt AS (
  INSERT INTO national_receipts
         (outbox_id, national_case_id, duplicate, http_status, received_at, stage, submission_key)
  SELECT ack.id, $2, $3, $4, $5, sub.stage, sub.submission_key FROM ack, sub
  ON CONFLICT (outbox_id) DO NOTHING
), superseded AS (
  UPDATE outbox d SET status = 'superseded', updated_at = now()
    FROM ack, sub WHERE d.hub_id = sub.hub_id AND d.status = 'dead' AND d.id < $1
), follow AS (
  INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
  SELECT pet.hub_id, sub.source_id, 'sync', pet.hub_id::text || ':q:' || gen_random_uuid(),
         pet.content_hash, pet.current_revision
    FROM ack, pet, sub
   WHERE $6::boolean OR pet.current_revision > sub.revision
  ON CONFLICT DO NOTHING
  RETURNING id
)
SELECT (SELECT id::text FROM follow) AS follow_up_id,
       EXISTS (SELECT 1 FROM outbox WHERE id = $1) AS found`;

/**
 * Records the national database's acceptance in one statement: submission acknowledged, receipt
 * stored, petition's national case id and acknowledged stage hash set, older dead submissions of
 * the petition superseded, and the next step queued when `moreAtThisRevision` (the national side
 * lacks a later stage of the same content) or when the petition changed meanwhile. Returns the
 * follow-up's outbox id, if any. Calling it again for the same submission changes nothing.
 */
export async function recordAcknowledged(
  pool: pg.Pool,
  outboxId: string,
  receipt: NationalReceipt,
  moreAtThisRevision = false,
): Promise<string | null> {
  const id = assertBigintId('outbox', outboxId);
  const { rows } = await pool.query<{ follow_up_id: string | null; found: boolean }>(ACK_SQL, [
    id,
    receipt.nationalCaseId,
    receipt.duplicate,
    receipt.httpStatus,
    receipt.receivedAt,
    moreAtThisRevision,
  ]);
  const row = rows[0];
  if (row?.found !== true) throw unknownSubmission(id);
  return row.follow_up_id;
}

/** Counts a failed attempt of a pending submission and keeps its last error. */
export async function recordAttemptFailed(
  pool: pg.Pool,
  outboxId: string,
  error: OutboxError,
): Promise<void> {
  await updatePending(
    pool,
    outboxId,
    'attempts = attempts + 1, last_error_code = $2, last_error = $3',
    [error.code, error.message],
  );
}

/**
 * Gives up on a pending submission (status 'dead'), keeping what the national side said;
 * attempts are not counted again.
 */
export async function markDeadLetter(
  pool: pg.Pool,
  outboxId: string,
  error: OutboxError,
): Promise<void> {
  await updatePending(
    pool,
    outboxId,
    `status = 'dead', last_error_code = $2, last_error = $3,
     national_error = $4::jsonb, dead_at = now()`,
    [error.code, error.message, JSON.stringify(error.national ?? null)],
  );
}

/**
 * Applies `set` to a pending submission; a submission no longer pending is left alone. `values`
 * are the parameters $2, $3… that `set` uses (PostgreSQL refuses unused ones).
 */
async function updatePending(
  pool: pg.Pool,
  outboxId: string,
  set: string,
  values: readonly string[],
): Promise<void> {
  const id = assertBigintId('outbox', outboxId);
  const { rows } = await pool.query<{ found: boolean }>(
    `WITH changed AS (
       UPDATE outbox SET ${set}, first_attempt_at = coalesce(first_attempt_at, now()),
              lease_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING id
     )
     SELECT EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM outbox WHERE id = $1) AS found`,
    [id, ...values],
  );
  if (rows[0]?.found !== true) throw unknownSubmission(id);
}

/** Ids of pending submissions after `afterId`, oldest first, for the reconciler. */
export async function listPendingOutboxIds(
  pool: pg.Pool,
  limit: number,
  afterId = '0',
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text AS id FROM outbox WHERE status = 'pending' AND id > $2 ORDER BY id LIMIT $1`,
    [limit, afterId === '0' ? '0' : assertBigintId('outbox', afterId)],
  );
  return rows.map((r) => r.id);
}

/** How many submissions are pending. */
export async function countPending(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
  );
  return rows[0]?.n ?? 0;
}

/** Of the given pending submissions, those unchanged for `idleMs` (candidates for a lost job). */
export async function idlePendingIds(
  pool: pg.Pool,
  outboxIds: readonly string[],
  idleMs: number,
): Promise<string[]> {
  if (outboxIds.length === 0) return [];
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text AS id FROM outbox
      WHERE id = ANY($1::bigint[]) AND status = 'pending'
        AND updated_at < now() - make_interval(secs => $2::double precision / 1000)`,
    [outboxIds.map((i) => assertBigintId('outbox', i)), idleMs],
  );
  return rows.map((r) => r.id);
}

/** Receipt date (YYYY-MM-DD) of each given submission's petition, for queue priorities. */
export async function receivedOnOf(
  pool: pg.Pool,
  outboxIds: readonly string[],
): Promise<Map<string, string>> {
  if (outboxIds.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; received_on: string }>(
    `SELECT o.id::text AS id, to_char(p.received_on, 'YYYY-MM-DD') AS received_on
       FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
      WHERE o.id = ANY($1::bigint[])`,
    [outboxIds.map((i) => assertBigintId('outbox', i))],
  );
  return new Map(rows.map((r) => [r.id, r.received_on]));
}

function unknownSubmission(id: string): HubError {
  return new HubError('KNTC_INTERNAL', `Outbox submission ${id} does not exist.`, {
    details: { outboxId: id },
  });
}
