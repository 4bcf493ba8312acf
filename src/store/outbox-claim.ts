/**
 * Claiming outbox submissions for an attempt, many at once: one statement takes a lease on
 * every given row that is pending and not leased (FOR UPDATE SKIP LOCKED, so two workers never
 * wait on each other nor take the same row) and loads them all with their petitions; a second
 * statement stamps the steps of first attempts and closes those with nothing left to send. The
 * lease is what keeps two jobs of one submission key from sending at once; it ends with the
 * attempt's outcome (outbox-outcome.ts), or by itself if the worker died.
 */
import type pg from 'pg';
import {
  SUBMISSION_COLUMNS,
  toSubmission,
  type StampedStep,
  type Submission,
  type SubmissionRow,
} from './outbox-repo.ts';
import { assertBigintId } from './tx.ts';

/** What claiming one submission gave. */
export type Claim =
  | { readonly kind: 'claimed'; readonly submission: Submission }
  /** Another attempt holds the row (a live lease, or its row lock); try again in `leaseMs`. */
  | { readonly kind: 'busy'; readonly leaseMs: number }
  /** Acknowledged, dead, skipped or superseded meanwhile; or (null) no such row. */
  | { readonly kind: 'not-pending'; readonly submission: Submission | null };

/*
 * The arrays (= ANY(ARRAY(...))) keep every step on the primary key index: the outbox holds
 * every submission ever made, and a join the planner turned into a scan would cost more than the
 * whole batch.
 */
const CLAIM_SQL = `
WITH candidates AS (
  SELECT id FROM outbox
   WHERE id = ANY($1::bigint[]) AND status = 'pending'
     AND (lease_until IS NULL OR lease_until < now())
   ORDER BY id
     FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE outbox SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
   WHERE id = ANY(ARRAY(SELECT id FROM candidates))
  RETURNING id
)
SELECT ${SUBMISSION_COLUMNS},
       o.id = ANY(ARRAY(SELECT id FROM claimed)) AS claimed,
       coalesce(ceil(extract(epoch FROM (o.lease_until - now())) * 1000), 0)::int AS lease_left_ms
  FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id
 WHERE o.id = ANY($1::bigint[])`;

/** Shortest wait suggested for a busy submission. */
const MIN_BUSY_MS = 50;

/**
 * Takes a lease of `leaseMs` on each given submission that is pending and free, and loads every
 * one of them, in one statement. Each id gets its Claim (ids unknown: not-pending with null).
 */
export async function claimSubmissions(
  pool: pg.Pool,
  outboxIds: readonly string[],
  leaseMs: number,
): Promise<Map<string, Claim>> {
  const ids = outboxIds.map((i) => assertBigintId('outbox', i));
  const claims = new Map<string, Claim>(
    ids.map((id) => [id, { kind: 'not-pending', submission: null }]),
  );
  if (ids.length === 0) return claims;
  const { rows } = await pool.query<SubmissionRow & { claimed: boolean; lease_left_ms: number }>(
    CLAIM_SQL,
    [ids, leaseMs],
  );
  for (const row of rows) {
    const submission = toSubmission(row);
    if (row.claimed) claims.set(row.id, { kind: 'claimed', submission });
    else if (row.status !== 'pending') claims.set(row.id, { kind: 'not-pending', submission });
    else claims.set(row.id, { kind: 'busy', leaseMs: Math.max(row.lease_left_ms, MIN_BUSY_MS) });
  }
  return claims;
}

/** A first attempt's step to stamp on a claimed submission. */
export interface StepToStamp {
  readonly outboxId: string;
  /** The petition revision whose content the body carries. */
  readonly revision: number;
  readonly step: StampedStep;
}

/** What stamping did, by outbox id. */
export interface StampResult {
  /** Stamped: send them. */
  readonly stamped: ReadonlySet<string>;
  /** Closed as 'skipped': nothing left to send, or their key was already used by another row. */
  readonly skipped: ReadonlySet<string>;
}

/*
 * A step is stamped only on a row still pending and unstamped (the caller holds its lease). A
 * row whose key another row already carries (the same step of the same revision, sent or
 * parked there) is closed as skipped: sending it again could only be a duplicate.
 */
const STAMP_SQL = `
WITH s AS (
  SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::text[], $5::text[],
                       $6::text[], $7::int[])
         AS s(id, stage, operation, body, body_hash, submission_key, revision)
), clash AS (
  SELECT s.id FROM s WHERE EXISTS (
    SELECT 1 FROM outbox x WHERE x.submission_key = s.submission_key AND x.id <> s.id)
), stamped AS (
  UPDATE outbox o
     SET stage = s.stage, operation = s.operation, body = s.body::jsonb, body_hash = s.body_hash,
         submission_key = s.submission_key, revision = s.revision
    FROM s WHERE o.id = s.id AND o.status = 'pending' AND o.body_hash IS NULL
     AND NOT s.id = ANY(ARRAY(SELECT id FROM clash))
  RETURNING o.id
), skipped AS (
  UPDATE outbox SET status = 'skipped', lease_until = NULL, updated_at = now()
   WHERE id = ANY($8::bigint[] || ARRAY(SELECT id FROM clash))
     AND status = 'pending' AND body_hash IS NULL
  RETURNING id
)
SELECT ARRAY(SELECT id::text FROM stamped) AS stamped,
       ARRAY(SELECT id::text FROM skipped) AS skipped`;

/**
 * Stamps the first attempts' steps and closes the submissions that had nothing left to send
 * (`upToDate`), in one statement.
 */
export async function stampSteps(
  pool: pg.Pool,
  steps: readonly StepToStamp[],
  upToDate: readonly string[],
): Promise<StampResult> {
  if (steps.length === 0 && upToDate.length === 0) {
    return { stamped: new Set(), skipped: new Set() };
  }
  const { rows } = await pool.query<{ stamped: string[]; skipped: string[] }>(STAMP_SQL, [
    steps.map((s) => assertBigintId('outbox', s.outboxId)),
    steps.map((s) => s.step.stage),
    steps.map((s) => s.step.operation),
    steps.map((s) => JSON.stringify(s.step.body)),
    steps.map((s) => s.step.bodyHash),
    steps.map((s) => s.step.submissionKey),
    steps.map((s) => s.revision),
    upToDate.map((i) => assertBigintId('outbox', i)),
  ]);
  const row = rows[0];
  return { stamped: new Set(row?.stamped ?? []), skipped: new Set(row?.skipped ?? []) };
}
