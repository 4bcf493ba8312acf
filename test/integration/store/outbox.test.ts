import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256, stableStringify } from '../../../src/core/content-hash.ts';
import { toNationalCase } from '../../../src/national/outbound.ts';
import {
  commitBatch,
  listPendingOutboxIds,
  loadSubmission,
  markDeadLetter,
  recordAcknowledged,
  recordAttemptFailed,
} from '../../../src/store/index.ts';
import { stampStep } from '../../../src/store/outbox-repo.ts';
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

const receipt = {
  nationalCaseId: 'QG-2025-000123',
  duplicate: false,
  httpStatus: 201,
  receivedAt: '2025-03-15T02:00:00.000Z',
};

describe('outbox', () => {
  let db: TestSchema;
  let runId: string;
  beforeEach(async () => {
    db = await createTestSchema();
    runId = await sourceAndRun(db.pool);
  });
  afterEach(async () => {
    await db.drop();
  });

  async function oneSubmission(summary = 'v1'): Promise<string> {
    const { outboxIds } = await commitBatch(db.pool, batchOf(runId, [accepted('D-1', summary)]));
    return outboxIds[0] ?? '';
  }

  it('loads a submission with the current record', async () => {
    const id = await oneSubmission();
    const sub = await loadSubmission(db.pool, id);
    const expected = accepted('D-1', 'v1');
    expect(sub).toMatchObject({
      id,
      sourceId: SOURCE,
      status: 'pending',
      attempts: 0,
      revision: 1,
      currentRevision: 1,
      step: null, // not stamped before its first attempt
      nationalCaseId: null,
      acked: {},
      record: expected.record,
    });
    const hubId = sub?.hubId ?? '';
    // Queued as a create under a placeholder key, with the content it was queued for.
    expect(await outboxRow(db.pool, id)).toMatchObject({
      operation: 'create',
      stage: null,
      body_hash: null,
      content_hash: expected.contentHash,
      submission_key: expect.stringMatching(new RegExp(`^${hubId}:q:[0-9a-f-]{36}$`)) as unknown,
    });

    const stamped = await stampFirstAttempt(db.pool, id);
    const body = toNationalCase(expected.record, { hubId });
    const hash = sha256(stableStringify(body));
    const again = await loadSubmission(db.pool, id);
    expect(again?.step).toEqual({
      stage: 1,
      operation: 'create',
      body,
      bodyHash: hash,
      submissionKey: `${hubId}:1:r1:${hash.slice(0, 12)}`,
    });
    expect(again?.step).toEqual(stamped);
    expect(await outboxRow(db.pool, id)).toMatchObject({
      operation: 'create',
      stage: 1,
      body_hash: hash,
      submission_key: stamped.submissionKey,
    });
    // A later attempt never re-stamps, even once the first one's lease ran out: the step stays
    // the bytes and key first chosen.
    await db.pool.query(`UPDATE outbox SET lease_until = now() - interval '1 second'`);
    const other = { ...stamped, submissionKey: `${hubId}:1:r1:ffffffffffff` };
    expect(await stampStep(db.pool, id, 1, other, 0)).toBe(false);
    expect((await loadSubmission(db.pool, id))?.step).toEqual(stamped);
    expect(await loadSubmission(db.pool, '987654')).toBeNull();
  });

  it('records an acknowledgement once, however often it is called', async () => {
    const id = await oneSubmission();
    await loadSubmission(db.pool, id);
    await recordAcknowledged(db.pool, id, receipt);
    await recordAcknowledged(db.pool, id, { ...receipt, nationalCaseId: 'QG-other' });
    expect(await countRows(db.pool, 'national_receipts')).toBe(1);
    const sub = await loadSubmission(db.pool, id);
    expect(sub).toMatchObject({
      status: 'acknowledged',
      attempts: 1,
      nationalCaseId: 'QG-2025-000123',
    });
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual([]);
    expect(await countRows(db.pool, 'outbox')).toBe(1);
  });

  it('queues the new content when the record changed while its submission was in flight', async () => {
    const id = await oneSubmission('v1');
    const v1Step = await stampFirstAttempt(db.pool, id); // worker stamps and sends v1 …
    const changed = await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v2')]));
    // … a pending submission exists, so none is added now
    expect(changed).toMatchObject({ updated: 1, outboxIds: [] });
    expect(await countRows(db.pool, 'outbox')).toBe(1);
    const inFlight = await loadSubmission(db.pool, id);
    // A retry re-sends the stamped v1 bytes under the same key; the record is already v2.
    expect(inFlight).toMatchObject({ revision: 1, currentRevision: 2, step: v1Step });
    expect(inFlight?.record.content.summary).toBe('v2');

    // … and the national side got v1: the acknowledgement queues the change.
    const followUpId = await recordAcknowledged(db.pool, id, receipt);
    expect(followUpId).not.toBeNull();
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual([followUpId]);
    const followUp = await loadSubmission(db.pool, followUpId ?? '');
    expect(followUp).toMatchObject({
      status: 'pending',
      revision: 2,
      step: null,
      nationalCaseId: 'QG-2025-000123',
      acked: { '1': v1Step.bodyHash },
    });
    expect(followUp?.record.content.summary).toBe('v2');
    expect(await outboxRow(db.pool, followUpId ?? '')).toMatchObject({ operation: 'sync' });
    // The change goes as an update of the existing case, never as a second case.
    const v2Step = await stampFirstAttempt(db.pool, followUpId ?? '');
    const hubId = followUp?.hubId ?? '';
    expect(v2Step).toMatchObject({ stage: 1, operation: 'update' });
    expect(v2Step.submissionKey).toBe(`${hubId}:1:r2:${v2Step.bodyHash.slice(0, 12)}`);
    expect(v2Step.bodyHash).not.toBe(v1Step.bodyHash);
    expect(await countRows(db.pool, 'outbox', `operation = 'create'`)).toBe(1);
  });

  it('queues nothing more when the acknowledged step carried the current content', async () => {
    const id = await oneSubmission('v1');
    await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v2')])); // changed before sending
    const step = await stampFirstAttempt(db.pool, id); // so the first attempt sends v2
    expect(step.submissionKey).toMatch(/:1:r2:[0-9a-f]{12}$/);
    expect(await recordAcknowledged(db.pool, id, receipt)).toBeNull();
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual([]);
    // Unless the caller knows the national side lacks a later stage of the same content.
    const more = await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v3')]));
    await stampFirstAttempt(db.pool, more.outboxIds[0] ?? '');
    const next = await recordAcknowledged(db.pool, more.outboxIds[0] ?? '', receipt, true);
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual([next]);
  });

  it('counts failed attempts and dead-letters, leaving settled submissions alone', async () => {
    const id = await oneSubmission();
    await stampFirstAttempt(db.pool, id);
    await recordAttemptFailed(db.pool, id, {
      code: 'KNTC_NATIONAL_UNREACHABLE',
      message: 'timeout',
    });
    await recordAttemptFailed(db.pool, id, { code: 'KNTC_NATIONAL_HTTP', message: 'HTTP 502' });
    const { rows } = await db.pool.query(
      'SELECT attempts, last_error_code, last_error, lease_until FROM outbox',
    );
    expect(rows).toEqual([
      {
        attempts: 2,
        last_error_code: 'KNTC_NATIONAL_HTTP',
        last_error: 'HTTP 502',
        lease_until: null,
      },
    ]);
    const fieldErrors = [{ field: 'loaiDon', code: 'UNKNOWN_CODE' }];
    await markDeadLetter(db.pool, id, {
      code: 'KNTC_NATIONAL_REJECTED',
      message: 'field kind refused',
      national: { fieldErrors },
    });
    await recordAttemptFailed(db.pool, id, { code: 'KNTC_NATIONAL_HTTP', message: 'late' });
    await markDeadLetter(db.pool, id, { code: 'KNTC_NATIONAL_HTTP', message: 'late dead' });
    expect(await recordAcknowledged(db.pool, id, receipt)).toBeNull();
    expect((await loadSubmission(db.pool, id))?.status).toBe('dead');
    const dead = await db.pool.query(
      `SELECT attempts, last_error_code, last_error, national_error, dead_at IS NOT NULL AS dead_at
         FROM outbox`,
    );
    expect(dead.rows).toEqual([
      {
        attempts: 2,
        last_error_code: 'KNTC_NATIONAL_REJECTED',
        last_error: 'field kind refused',
        national_error: { fieldErrors },
        dead_at: true,
      },
    ]);
    expect(await countRows(db.pool, 'national_receipts')).toBe(0);
    await expect(
      recordAttemptFailed(db.pool, '987654', { code: 'X', message: 'y' }),
    ).rejects.toThrow(/987654 does not exist/);
  });

  it('queues a change after a dead letter and supersedes the dead one once it is acknowledged', async () => {
    const id = await oneSubmission('v1');
    await stampFirstAttempt(db.pool, id);
    await markDeadLetter(db.pool, id, { code: 'KNTC_NATIONAL_REJECTED', message: 'refused' });
    const fixed = await commitBatch(db.pool, batchOf(runId, [accepted('D-1', 'v2')]));
    expect(fixed.outboxIds).toHaveLength(1);
    const retryId = fixed.outboxIds[0] ?? '';
    expect(await outboxRow(db.pool, retryId)).toMatchObject({ operation: 'sync', revision: 2 });
    // No case exists nationally yet, so the step is a create of the current content.
    expect(await stampFirstAttempt(db.pool, retryId)).toMatchObject({
      stage: 1,
      operation: 'create',
    });
    expect(await recordAcknowledged(db.pool, retryId, receipt)).toBeNull();
    expect((await loadSubmission(db.pool, id))?.status).toBe('superseded');
    expect((await loadSubmission(db.pool, retryId))?.status).toBe('acknowledged');
  });

  it('lists pending submissions oldest first, up to the limit', async () => {
    const { outboxIds } = await commitBatch(
      db.pool,
      batchOf(runId, [accepted('D-1'), accepted('D-2'), accepted('D-3')]),
    );
    const sorted = [...outboxIds].sort((a, b) => Number(a) - Number(b));
    await recordAcknowledged(db.pool, sorted[0] ?? '', receipt);
    expect(await listPendingOutboxIds(db.pool, 1)).toEqual([sorted[1]]);
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual(sorted.slice(1));
  });
});
