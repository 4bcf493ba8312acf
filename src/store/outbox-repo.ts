/**
 * The outbox: submissions of petitions to the national database, written by commitBatch in the
 * same transaction as the petition, then sent by the push queue and the reconciler. A row is one
 * step that brings a petition up to date on the national side. On its first attempt the push
 * stamps the step (stage, exact body, body hash, content-bound submission key); every retry
 * re-sends those same bytes under that same key, so a crash or a lost reply never makes the
 * national side store anything twice.
 *
 * This file holds the submission as the push sees it and how it is loaded and stamped; claiming
 * batches under a lease is outbox-claim.ts, recording outcomes outbox-outcome.ts, and the scans
 * of the reconciler and the queue outbox-scan.ts.
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

/** A submission row as SUBMISSION_SELECT returns it. */
export interface SubmissionRow {
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

/** The columns of a submission, from outbox `o` joined with its petition `p`. */
export const SUBMISSION_COLUMNS = `
       o.id::text AS id, o.hub_id::text AS hub_id, o.source_id, o.status, o.attempts, o.revision,
       p.revision AS current_revision, o.stage, o.operation, o.body, o.body_hash, o.submission_key,
       p.national_case_id, p.national_acked, p.original_hub_id::text AS original_hub_id, p.record`;

/** A submission: outbox `o` joined with its petition `p`. */
export const SUBMISSION_SELECT = `SELECT ${SUBMISSION_COLUMNS}
  FROM outbox o JOIN petitions p ON p.hub_id = o.hub_id`;

const SUBMISSION_SQL = `${SUBMISSION_SELECT} WHERE o.id = $1`;

function withOriginal(record: Petition, originalHubId: string | null): Petition {
  if (originalHubId === null) return record;
  return { ...record, provenance: { ...record.provenance, originalPetitionId: originalHubId } };
}

/** A submission row as the push sees it. */
export function toSubmission(row: SubmissionRow): Submission {
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

/** The error for an outbox id that does not exist. */
export function unknownSubmission(id: string): HubError {
  return new HubError('KNTC_INTERNAL', `Outbox submission ${id} does not exist.`, {
    details: { outboxId: id },
  });
}
