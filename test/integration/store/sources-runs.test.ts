import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import {
  commitBatch,
  failStaleRuns,
  finishRun,
  lastRunStartedAt,
  listSourceStatus,
  markDeadLetter,
  recordAcknowledged,
  recordAttemptFailed,
  setSourcePaused,
  startRun,
  upsertSources,
  type SourceStatus,
} from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { SOURCE, accepted, batchOf, sourceAndRun, stampFirstAttempt } from './fixtures.ts';

const receipt = {
  nationalCaseId: 'QG-1',
  duplicate: true,
  httpStatus: 200,
  receivedAt: '2025-03-15T02:00:00.000Z',
};

async function statusOf(db: TestSchema, id: string): Promise<SourceStatus | undefined> {
  return (await listSourceStatus(db.pool)).find((s) => s.id === id);
}

describe('sources and runs', () => {
  let db: TestSchema;
  beforeEach(async () => {
    db = await createTestSchema();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('reports a registered source that never ran', async () => {
    await upsertSources(db.pool, [
      { id: 'hanoi-kntc', name: 'Hà Nội', kind: 'soap-xml', enabled: false },
      { id: SOURCE, name: 'Quy Nhơn', kind: 'rest-json', enabled: true },
    ]);
    const all = await listSourceStatus(db.pool);
    expect(all.map((s) => [s.id, s.state])).toEqual([
      ['hanoi-kntc', 'disabled'],
      [SOURCE, 'never-run'],
    ]);
    expect(all[1]).toMatchObject({
      lastRun: null,
      lastSuccessAt: null,
      cursor: null,
      counts: {
        pulled: 0,
        stored: 0,
        rejected: 0,
        pushed: 0,
        acknowledged: 0,
        deadLettered: 0,
        pending: 0,
      },
    });
  });

  it('adds up runs, rejections and submissions per source', async () => {
    const run1 = await sourceAndRun(db.pool);
    const batch = batchOf(
      run1,
      ['D-1', 'D-2', 'D-3', 'D-4'].map((id) => accepted(id)),
    );
    const { outboxIds } = await commitBatch(db.pool, {
      ...batch,
      rejections: [
        {
          sourceRecordId: 'D-8',
          errors: [{ field: 'kind', code: 'KNTC_RECORD_UNKNOWN_CODE', message: 'unknown' }],
        },
      ],
    });
    await finishRun(db.pool, run1, { status: 'succeeded' });
    const [a, b, c] = outboxIds;
    // Each attempt first stamps its step, as the push does.
    for (const id of [a, b, c]) await stampFirstAttempt(db.pool, id ?? '');
    // The acknowledged create carried the current content: no follow-up step is queued.
    expect(await recordAcknowledged(db.pool, a ?? '', receipt)).toBeNull();
    await recordAttemptFailed(db.pool, b ?? '', {
      code: 'KNTC_NATIONAL_HTTP',
      message: 'HTTP 503',
    });
    await markDeadLetter(db.pool, c ?? '', { code: 'KNTC_NATIONAL_REJECTED', message: 'refused' });

    const run2 = await startRun(db.pool, SOURCE, 'schedule');
    // D-1 again unchanged (queues nothing), D-5 new (one create).
    const second = await commitBatch(db.pool, batchOf(run2, [accepted('D-1'), accepted('D-5')]));
    expect(second).toMatchObject({ inserted: 1, unchanged: 1 });
    expect(second.outboxIds).toHaveLength(1);
    await finishRun(db.pool, run2, {
      status: 'failed',
      errorCode: 'KNTC_SOURCE_TIMEOUT',
      errorMessage: 'slow',
    });

    const s = await statusOf(db, SOURCE);
    expect(s?.state).toBe('failing');
    expect(s?.counts).toEqual({
      pulled: 6,
      stored: 5,
      rejected: 1,
      pushed: 2,
      acknowledged: 1,
      deadLettered: 1,
      pending: 3, // D-2 (retrying), D-4, D-5
    });
    const rows = await db.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox WHERE source_id = $1 GROUP BY status ORDER BY status`,
      [SOURCE],
    );
    expect(rows.rows).toEqual([
      { status: 'acknowledged', n: 1 },
      { status: 'dead', n: 1 },
      { status: 'pending', n: 3 },
    ]);
    expect(s?.lastRun).toMatchObject({
      id: run2,
      status: 'failed',
      trigger: 'schedule',
      errorCode: 'KNTC_SOURCE_TIMEOUT',
      errorMessage: 'slow',
    });
    expect(s?.lastRun?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(s?.lastSuccessAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(s?.cursor).toEqual({ after: 'D-5' });
  });

  it('keeps outbox totals equal to the outbox rows', async () => {
    const run = await sourceAndRun(db.pool);
    const ids = ['A', 'B', 'C', 'D', 'E'].map((id) => accepted(id));
    const { outboxIds } = await commitBatch(db.pool, batchOf(run, ids));
    for (const id of outboxIds.slice(0, 2)) await recordAcknowledged(db.pool, id, receipt);
    await db.pool.query(`DELETE FROM outbox WHERE status = 'pending' AND id = $1`, [outboxIds[4]]);
    const { rows } = await db.pool.query(
      `SELECT (SELECT row(pending, acknowledged, dead, attempted)::text FROM outbox_counts) AS kept,
              (SELECT row(count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'acknowledged'),
                          count(*) FILTER (WHERE status = 'dead'), count(*) FILTER (WHERE attempts > 0))::text
                 FROM outbox) AS actual`,
    );
    expect(rows[0]).toEqual({ kept: '(2,2,0,2)', actual: '(2,2,0,2)' });
  });

  it('shows running, paused and healthy states', async () => {
    const run = await sourceAndRun(db.pool);
    expect((await statusOf(db, SOURCE))?.state).toBe('running');
    await finishRun(db.pool, run, { status: 'succeeded' });
    expect((await statusOf(db, SOURCE))?.state).toBe('healthy');
    expect(await setSourcePaused(db.pool, SOURCE, true)).toBe(true);
    expect((await statusOf(db, SOURCE))?.state).toBe('paused');
    // Re-registering from config keeps the pause.
    await upsertSources(db.pool, [
      { id: SOURCE, name: 'Quy Nhơn (mới)', kind: 'rest-json', enabled: true },
    ]);
    expect(await statusOf(db, SOURCE)).toMatchObject({ state: 'paused', name: 'Quy Nhơn (mới)' });
  });

  it('fails runs a crash left running, for one source or all', async () => {
    await upsertSources(db.pool, [
      { id: 'src-a', name: 'A', kind: 'rest-json', enabled: true },
      { id: 'src-b', name: 'B', kind: 'rest-json', enabled: true },
    ]);
    const done = await startRun(db.pool, 'src-a', 'manual');
    await finishRun(db.pool, done, { status: 'succeeded' });
    await startRun(db.pool, 'src-a', 'schedule');
    await startRun(db.pool, 'src-b', 'catch-up');
    expect(await failStaleRuns(db.pool, 'src-b')).toBe(1);
    expect(await failStaleRuns(db.pool)).toBe(1);
    expect(await failStaleRuns(db.pool)).toBe(0);
    const a = await statusOf(db, 'src-a');
    expect(a?.state).toBe('failing');
    expect(a?.lastRun?.errorMessage).toMatch(/stopped while this run was in progress/);
    // A late finish of a run already failed leaves it failed.
    await finishRun(db.pool, a?.lastRun?.id ?? '', { status: 'succeeded' });
    expect((await statusOf(db, 'src-a'))?.lastRun?.status).toBe('failed');
  });

  it('tells when a source last started a pull that succeeded', async () => {
    await upsertSources(db.pool, [{ id: SOURCE, name: 'Q', kind: 'rest-json', enabled: true }]);
    expect(await lastRunStartedAt(db.pool, SOURCE)).toBeNull();
    const before = Date.now();
    const ok = await startRun(db.pool, SOURCE, 'schedule');
    expect(await lastRunStartedAt(db.pool, SOURCE)).toBeNull(); // still running
    await finishRun(db.pool, ok, { status: 'succeeded' });
    const started = await lastRunStartedAt(db.pool, SOURCE);
    expect(started).toBeInstanceOf(Date);
    expect(Math.abs((started?.getTime() ?? 0) - before)).toBeLessThan(5_000);
    // A later failed run or a replay does not stand for a scheduled pull.
    await new Promise((r) => setTimeout(r, 20));
    const failed = await startRun(db.pool, SOURCE, 'schedule');
    await finishRun(db.pool, failed, {
      status: 'failed',
      errorCode: 'KNTC_SOURCE_TIMEOUT',
      errorMessage: 'slow',
    });
    const replay = await startRun(db.pool, SOURCE, 'replay');
    await finishRun(db.pool, replay, { status: 'succeeded' });
    expect(await lastRunStartedAt(db.pool, SOURCE)).toEqual(started);
  });

  it('refuses to start a run for an unregistered source', async () => {
    const err = await startRun(db.pool, 'nowhere', 'manual').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_SOURCE_UNKNOWN');
  });
});
