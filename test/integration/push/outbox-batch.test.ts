// The outbox statements the batched push runs, against the real PostgreSQL: one claim of many
// rows under a lease (skipping rows another attempt holds), one stamp, one acknowledgement or
// failure statement for many rows, and the reconciler's paging in numeric id order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextStep, submissionKeyOf } from '../../../src/national/stages.ts';
import { commitBatch } from '../../../src/store/index.ts';
import { claimSubmissions, stampSteps, type StepToStamp } from '../../../src/store/outbox-claim.ts';
import { recordAcknowledgements, recordFailures } from '../../../src/store/outbox-outcome.ts';
import { listPendingOutboxIds } from '../../../src/store/outbox-scan.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { accepted, batchOf, sourceAndRun } from '../store/fixtures.ts';

const receipt = {
  nationalCaseId: 'TTCP-2026-00000001',
  duplicate: false,
  httpStatus: 201,
  receivedAt: '2026-03-15T02:00:00.000Z',
};

describe('outbox statements of the batched push', () => {
  let db: TestSchema;
  let runId: string;
  beforeEach(async () => {
    db = await createTestSchema();
    runId = await sourceAndRun(db.pool);
  });
  afterEach(async () => {
    await db.drop();
  });

  async function petitions(n: number, prefix = 'B'): Promise<string[]> {
    const list = Array.from({ length: n }, (_, i) => accepted(`${prefix}-${i}`, 'v1'));
    return (await commitBatch(db.pool, batchOf(runId, list))).outboxIds;
  }

  /** Claims and stamps the first attempts of `ids`, as the push does. */
  async function claimAndStamp(ids: readonly string[]): Promise<StepToStamp[]> {
    const claims = await claimSubmissions(db.pool, ids, 60_000);
    const steps = [...claims.values()].flatMap((c) => {
      if (c.kind !== 'claimed') return [];
      const sub = c.submission;
      const next = nextStep(sub);
      if (next === null) return [];
      const step = {
        ...next,
        submissionKey: submissionKeyOf(sub.hubId, sub.currentRevision, next),
      };
      return [{ outboxId: sub.id, revision: sub.currentRevision, step }];
    });
    await stampSteps(db.pool, steps, []);
    return steps;
  }

  it('pages pending ids in numeric order, so no page skips any', async () => {
    const ids = await petitions(25);
    const seen: string[] = [];
    let after = '0';
    for (;;) {
      const page = await listPendingOutboxIds(db.pool, 7, after);
      if (page.length === 0) break;
      seen.push(...page);
      after = page.at(-1)!;
    }
    expect(seen).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
  });

  it('claims many rows at once, and never a row another attempt holds', async () => {
    const [a, b, c] = await petitions(3);
    const first = await claimSubmissions(db.pool, [a!, b!], 60_000);
    expect([...first.values()].map((x) => x.kind)).toEqual(['claimed', 'claimed']);
    // A row locked by a transaction in progress is skipped, not waited for.
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM outbox WHERE id = $1 FOR UPDATE', [c]);
      const second = await claimSubmissions(db.pool, [a!, c!, '987654'], 60_000);
      expect(second.get(a!)).toMatchObject({ kind: 'busy' });
      expect((second.get(a!) as { leaseMs: number }).leaseMs).toBeGreaterThan(50_000);
      expect(second.get(c!)).toMatchObject({ kind: 'busy' });
      expect(second.get('987654')).toEqual({ kind: 'not-pending', submission: null });
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
    expect((await claimSubmissions(db.pool, [c!], 60_000)).get(c!)?.kind).toBe('claimed');
  });

  it('stamps first attempts, closes what is up to date, and skips a key another row used', async () => {
    const [a, b, c] = await petitions(3);
    const claims = await claimSubmissions(db.pool, [a!, b!, c!], 60_000);
    const subA = (claims.get(a!) as { submission: Parameters<typeof nextStep>[0] }).submission;
    const next = nextStep(subA)!;
    const step = { ...next, submissionKey: submissionKeyOf(subA.hubId, 1, next) };
    const first = await stampSteps(db.pool, [{ outboxId: a!, revision: 1, step }], [b!]);
    expect([...first.stamped]).toEqual([a]);
    expect([...first.skipped]).toEqual([b]);
    // c carries the key a was stamped with: sending it again could only be a duplicate.
    const second = await stampSteps(db.pool, [{ outboxId: c!, revision: 1, step }], []);
    expect([...second.stamped]).toEqual([]);
    expect([...second.skipped]).toEqual([c]);
    const fresh = await petitions(1, 'C');
    const [stamped] = await claimAndStamp(fresh);
    const { rows } = await db.pool.query<{ stage: number; submission_key: string }>(
      'SELECT stage, submission_key FROM outbox WHERE id = $1',
      [fresh[0]],
    );
    expect(rows[0]).toEqual({ stage: 1, submission_key: stamped!.step.submissionKey });
  });

  it('acknowledges many in one statement, queues next steps, and changes nothing the second time', async () => {
    const ids = await petitions(3);
    await claimAndStamp(ids);
    const acks = ids.map((outboxId, i) => ({ outboxId, receipt, moreAtThisRevision: i === 0 }));
    const done = await recordAcknowledgements(db.pool, acks);
    expect([...done.values()].map((r) => r.changed)).toEqual([true, true, true]);
    const followUp = done.get(ids[0]!)?.followUpId;
    expect(followUp).toEqual(expect.any(String));
    expect(done.get(ids[1]!)?.followUpId).toBeNull();
    expect(await listPendingOutboxIds(db.pool, 10)).toEqual([followUp]);
    const again = await recordAcknowledgements(db.pool, acks);
    expect([...again.values()].map((r) => r.changed)).toEqual([false, false, false]);
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM national_receipts',
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('dead-letters and queues at once the content that changed while the refused step was in flight', async () => {
    const [a, b, c] = await petitions(3);
    await claimAndStamp([a!, b!, c!]);
    // B-0 and B-1 change after their steps were stamped (revision 2); B-2 does not.
    await commitBatch(db.pool, batchOf(runId, [accepted('B-0', 'v2'), accepted('B-1', 'v2')]));
    const error = { code: 'KNTC_NATIONAL_REJECTED', message: 'refused', national: { f: 1 } };
    const done = await recordFailures(db.pool, [
      { outboxId: a!, dead: true, error },
      { outboxId: b!, dead: false, error: { code: 'KNTC_NATIONAL_HTTP', message: 'HTTP 503' } },
      { outboxId: c!, dead: true, error },
    ]);
    const queued = done.get(a!)?.followUpId;
    expect(queued).toEqual(expect.any(String));
    expect(done.get(b!)?.followUpId).toBeNull(); // still pending: its ack will queue the change
    expect(done.get(c!)?.followUpId).toBeNull(); // nothing newer to send
    const { rows } = await db.pool.query<{
      id: string;
      status: string;
      attempts: number;
      revision: number;
    }>('SELECT id::text AS id, status, attempts, revision FROM outbox ORDER BY id');
    expect(rows).toEqual([
      { id: a, status: 'dead', attempts: 0, revision: 1 },
      { id: b, status: 'pending', attempts: 1, revision: 1 },
      { id: c, status: 'dead', attempts: 0, revision: 1 },
      { id: queued, status: 'pending', attempts: 0, revision: 2 },
    ]);
  });
});
