/**
 * Synthetic batches for the store's integration tests (no real person's data).
 */
import type pg from 'pg';
import { petitionContentHash, sha256 } from '../../../src/core/content-hash.ts';
import type { Petition } from '../../../src/core/petition-schema.ts';
import { nextStep, submissionKeyOf } from '../../../src/national/stages.ts';
import {
  loadSubmission,
  startRun,
  upsertSources,
  type IngestBatch,
  type IngestPetition,
} from '../../../src/store/index.ts';
import { stampStep, type StampedStep } from '../../../src/store/outbox-repo.ts';

export const SOURCE = 'quynhon-kntc';

/** A valid synthetic petition; `summary` varies its content. */
export function petition(
  sourceRecordId: string,
  summary = 'Đề nghị xem xét việc cấp giấy chứng nhận',
): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: SOURCE, sourceRecordId },
    receipt: { receivedAt: '2025-03-14', agency: { code: 'UBND-QN' }, channel: 'DIRECT' },
    petitioners: [{ kind: 'PERSON', name: 'Nguyễn Văn Thử' }],
    signerCount: 1,
    kind: 'KN',
    content: { summary },
    confidentiality: { protectIdentity: false },
  };
}

/** An accepted record for a batch. */
export function accepted(sourceRecordId: string, summary?: string): IngestPetition {
  const record = petition(sourceRecordId, summary);
  return {
    sourceRecordId,
    record,
    contentHash: petitionContentHash(record),
    mappingVersion: 'quynhon-kntc@1',
    kind: record.kind,
    receivedOn: record.receipt.receivedAt,
  };
}

/** A batch of accepted records with matching raws; the cursor marks the last id. */
export function batchOf(runId: string, petitions: readonly IngestPetition[]): IngestBatch {
  return {
    runId,
    sourceId: SOURCE,
    cursor: { after: petitions.at(-1)?.sourceRecordId ?? null },
    raws: petitions.map((p) => {
      const payload = { soDon: p.sourceRecordId, noiDung: p.record.content.summary };
      return {
        sourceRecordId: p.sourceRecordId,
        payload,
        bytesHash: sha256(JSON.stringify(payload)),
      };
    }),
    petitions,
    rejections: [],
  };
}

/** Registers the test source and starts a run; returns the run id. */
export async function sourceAndRun(pool: pg.Pool): Promise<string> {
  await upsertSources(pool, [
    { id: SOURCE, name: 'Quy Nhơn KNTC', kind: 'rest-json', enabled: true },
  ]);
  return startRun(pool, SOURCE, 'manual');
}

/** Row count of a table in the test schema. */
export async function countRows(pool: pg.Pool, table: string, where = 'true'): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
  );
  return rows[0]?.n ?? -1;
}

/**
 * Stamps a pending submission's step as the push does on its first attempt (the step the
 * national side lacks, keyed by the petition's current revision); returns the stamped step.
 */
export async function stampFirstAttempt(pool: pg.Pool, outboxId: string): Promise<StampedStep> {
  const sub = await loadSubmission(pool, outboxId);
  const next = sub === null ? null : nextStep(sub);
  if (sub === null || next === null) throw new Error(`Submission ${outboxId} has no step to send.`);
  const step = { ...next, submissionKey: submissionKeyOf(sub.hubId, sub.currentRevision, next) };
  if (!(await stampStep(pool, outboxId, sub.currentRevision, step, 60_000))) {
    throw new Error(`Submission ${outboxId} was already stamped or leased.`);
  }
  return step;
}

/** The outbox row's columns the push model adds, as stored. */
export async function outboxRow(
  pool: pg.Pool,
  outboxId: string,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT hub_id::text AS hub_id, operation, status, revision, stage, body_hash, submission_key,
            content_hash, attempts
       FROM outbox WHERE id = $1`,
    [outboxId],
  );
  return rows[0];
}
