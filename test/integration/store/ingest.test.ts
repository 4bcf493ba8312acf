import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitBatch,
  getCursor,
  loadSubmission,
  recordAcknowledged,
} from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import {
  SOURCE,
  accepted,
  batchOf,
  countRows,
  outboxRow,
  sourceAndRun,
  stampFirstAttempt,
} from './fixtures.ts';

const receipt = (caseId: string) => ({
  nationalCaseId: caseId,
  duplicate: false,
  httpStatus: 201,
  receivedAt: '2025-03-15T02:00:00.000Z',
});

describe('commitBatch', () => {
  let db: TestSchema;
  let runId: string;
  beforeEach(async () => {
    db = await createTestSchema();
    runId = await sourceAndRun(db.pool);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('inserts new records with raws, create submissions, cursor and run counts', async () => {
    const batch = batchOf(runId, [accepted('D-1'), accepted('D-2'), accepted('D-3')]);
    const result = await commitBatch(db.pool, batch);
    expect(result).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(result.outboxIds).toHaveLength(3);
    expect(await countRows(db.pool, 'raw_records')).toBe(3);
    expect(await countRows(db.pool, 'outbox', `operation = 'create' AND status = 'pending'`)).toBe(
      3,
    );
    // Each waits under a placeholder key for its first attempt to stamp the real one.
    const queued = await db.pool.query<{ n: number; keys: number; ok: boolean }>(
      `SELECT count(*)::int AS n, count(DISTINCT o.submission_key)::int AS keys,
              bool_and(o.submission_key LIKE o.hub_id::text || ':q:%' AND o.revision = 1
                       AND o.stage IS NULL AND o.body_hash IS NULL
                       AND o.content_hash = p.content_hash AND p.revision = 1
                       AND p.national_acked = '{}'::jsonb) AS ok
         FROM outbox o JOIN petitions p USING (hub_id)`,
    );
    expect(queued.rows[0]).toEqual({ n: 3, keys: 3, ok: true });
    expect(await getCursor(db.pool, SOURCE)).toEqual({ after: 'D-3' });
    const run = await db.pool.query('SELECT pulled, stored, unchanged, rejected FROM sync_runs');
    expect(run.rows[0]).toEqual({ pulled: 3, stored: 3, unchanged: 0, rejected: 0 });
  });

  it('changes nothing when the same batch comes again', async () => {
    const batch = batchOf(runId, [accepted('D-1'), accepted('D-2')]);
    await commitBatch(db.pool, batch);
    const before = await db.pool.query('SELECT hub_id, updated_at FROM petitions ORDER BY hub_id');
    const again = await commitBatch(db.pool, batch);
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0, outboxIds: [] });
    expect(await countRows(db.pool, 'outbox')).toBe(2);
    expect(await countRows(db.pool, 'raw_records')).toBe(2);
    const after = await db.pool.query('SELECT hub_id, updated_at FROM petitions ORDER BY hub_id');
    expect(after.rows).toEqual(before.rows);
  });

  it('queues one step per change, none while one is pending, an update once the case exists', async () => {
    const [created] = (await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v1')])))
      .outboxIds;
    // Changed while the create is still pending: the pending create will send the new content.
    const whilePending = await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v2')]));
    expect(whilePending).toMatchObject({ inserted: 0, updated: 1, outboxIds: [] });
    expect(await countRows(db.pool, 'outbox')).toBe(1);
    // The push worker stamps the submission with the current content (v2, revision 2) …
    expect((await loadSubmission(db.pool, created ?? ''))?.record.content.summary).toBe('v2');
    const first = await stampFirstAttempt(db.pool, created ?? '');
    expect(first).toMatchObject({ stage: 1, operation: 'create' });
    expect(first.submissionKey).toMatch(/:1:r2:[0-9a-f]{12}$/);
    // … sends it and records the receipt: nothing is left to queue.
    expect(await recordAcknowledged(db.pool, created ?? '', receipt('QG-1'))).toBeNull();
    expect(await countRows(db.pool, 'outbox')).toBe(1);

    const v3 = accepted('D-1', 'v3');
    const changed = await commitBatch(db.pool, batchOf(runId, [v3]));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(changed.outboxIds).toHaveLength(1);
    const id = changed.outboxIds[0] ?? '';
    const row = await outboxRow(db.pool, id);
    expect(row).toMatchObject({
      operation: 'sync',
      status: 'pending',
      revision: 3,
      content_hash: v3.contentHash,
    });
    const hubId = String(row?.['hub_id']);
    expect(row?.['submission_key']).toMatch(new RegExp(`^${hubId}:q:`));
    // Its first attempt sends stage 1 as an update of the existing case, keyed by revision 3.
    const step = await stampFirstAttempt(db.pool, id);
    expect(step).toMatchObject({ stage: 1, operation: 'update' });
    expect(step.submissionKey).toBe(`${hubId}:1:r3:${step.bodyHash.slice(0, 12)}`);
    // The same content again is unchanged: no revision, no step.
    const again = await commitBatch(db.pool, batchOf(runId, [v3]));
    expect(again).toMatchObject({ updated: 0, unchanged: 1, outboxIds: [] });
    const stored = await db.pool.query<{ summary: string; revision: number }>(
      `SELECT record->'content'->>'summary' AS summary, revision FROM petitions`,
    );
    expect(stored.rows).toEqual([{ summary: 'v3', revision: 3 }]);
    expect(await countRows(db.pool, 'outbox')).toBe(2);
    // A raw per distinct delivery: three versions, three raws.
    expect(await countRows(db.pool, 'raw_records')).toBe(3);
  });

  it('replaces a record’s unresolved rejections and resolves them once it maps cleanly', async () => {
    const error = (field: string) => ({
      field,
      sourceField: 'ngayNhan',
      value: '31/02/2024',
      code: 'KNTC_RECORD_BAD_DATE' as const,
      message: `${field} is not a real date`,
    });
    const rejectWith = (...fields: string[]) => ({
      ...batchOf(runId, []),
      rejections: [{ sourceRecordId: 'D-9', errors: fields.map(error) }],
    });
    expect((await commitBatch(db.pool, rejectWith('receipt.receivedAt', 'kind'))).rejected).toBe(1);
    await commitBatch(db.pool, rejectWith('receipt.writtenAt'));
    const open = await db.pool.query(
      'SELECT field, source_field, value, code FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(open.rows).toEqual([
      {
        field: 'receipt.writtenAt',
        source_field: 'ngayNhan',
        value: '31/02/2024',
        code: 'KNTC_RECORD_BAD_DATE',
      },
    ]);
    await commitBatch(db.pool, batchOf(runId, [accepted('D-9')]));
    expect(await countRows(db.pool, 'rejected_records', 'resolved_at IS NULL')).toBe(0);
    expect(await countRows(db.pool, 'rejected_records', 'resolved_at IS NOT NULL')).toBe(1);
  });

  it('moves neither records nor cursor when any part of the batch fails', async () => {
    await commitBatch(db.pool, batchOf(runId, [accepted('D-1')]));
    const bad = { ...accepted('D-3'), contentHash: 'not-a-sha256' }; // violates the CHECK
    const failing = batchOf(runId, [accepted('D-2'), bad]);
    await expect(commitBatch(db.pool, failing)).rejects.toThrow(/content_hash/);
    expect(await getCursor(db.pool, SOURCE)).toEqual({ after: 'D-1' });
    expect(await countRows(db.pool, 'petitions')).toBe(1);
    expect(await countRows(db.pool, 'raw_records')).toBe(1);
    expect(await countRows(db.pool, 'outbox')).toBe(1);
    const run = await db.pool.query('SELECT pulled, stored FROM sync_runs');
    expect(run.rows[0]).toEqual({ pulled: 1, stored: 1 });
  });

  it('keeps the last occurrence of a record delivered twice in one batch', async () => {
    const batch = batchOf(runId, [
      accepted('D-1', 'first'),
      accepted('D-2'),
      accepted('D-1', 'last'),
    ]);
    const result = await commitBatch(db.pool, batch);
    expect(result).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    const { rows } = await db.pool.query(
      `SELECT record->'content'->>'summary' AS summary FROM petitions WHERE source_record_id = 'D-1'`,
    );
    expect(rows).toEqual([{ summary: 'last' }]);
    expect(await countRows(db.pool, 'raw_records')).toBe(3); // both deliveries kept raw
  });

  it('refuses a batch for a run that does not exist, storing nothing', async () => {
    await expect(commitBatch(db.pool, batchOf('999999', [accepted('D-1')]))).rejects.toThrow(
      /run 999999 of source "quynhon-kntc" does not exist/,
    );
    expect(await countRows(db.pool, 'petitions')).toBe(0);
    expect(await getCursor(db.pool, SOURCE)).toBeNull();
  });
});
