// GET /api/v1/sources on a real PostgreSQL schema: the record totals come from the per-day rows
// the triggers keep (never from summing every run), and they agree with the runs, the rejections
// and the outbox rows, also when a source's runs span several days.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/error-handler.ts';
import { sourcesRoutes } from '../../src/http/routes/sources.ts';
import {
  commitBatch,
  finishRun,
  listSourceStatus,
  markDeadLetter,
  recordAcknowledged,
  startRun,
  upsertSources,
  type SourceCounts,
  type SourceStatus,
} from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { SOURCE, accepted, batchOf, stampFirstAttempt } from './store/fixtures.ts';

const OTHER = 'hanoi-kntc';
const IDLE = 'ward-export';

/** What the store's own rows say of a source, counted the slow way. */
async function countedFromRows(db: TestSchema, sourceId: string): Promise<SourceCounts> {
  const { rows } = await db.pool.query<SourceCounts>(
    `SELECT (SELECT coalesce(sum(pulled), 0) FROM sync_runs WHERE source_id = $1)::float8 AS pulled,
            (SELECT coalesce(sum(stored), 0) FROM sync_runs WHERE source_id = $1)::float8 AS stored,
            (SELECT count(DISTINCT source_record_id) FROM rejected_records
              WHERE source_id = $1 AND resolved_at IS NULL)::float8 AS rejected,
            (SELECT count(*) FROM outbox WHERE source_id = $1 AND attempts > 0)::float8 AS pushed,
            (SELECT count(*) FROM outbox WHERE source_id = $1 AND status = 'acknowledged')::float8
              AS acknowledged,
            (SELECT count(*) FROM outbox WHERE source_id = $1 AND status = 'dead')::float8
              AS "deadLettered",
            (SELECT count(*) FROM outbox WHERE source_id = $1 AND status = 'pending')::float8
              AS pending`,
    [sourceId],
  );
  const counted = rows[0];
  if (counted === undefined) throw new Error('no row');
  return counted;
}

/** Moves every per-day row of a source one day back, as if its runs so far happened yesterday. */
async function ageOneDay(db: TestSchema, sourceId: string): Promise<void> {
  await db.pool.query('UPDATE source_daily_counts SET day = day - 1 WHERE source_id = $1', [
    sourceId,
  ]);
}

const receipt = {
  nationalCaseId: 'QG-1',
  duplicate: false,
  httpStatus: 200,
  receivedAt: '2026-01-05T02:00:00.000Z',
};

describe('GET /api/v1/sources', () => {
  let db: TestSchema;
  let app: FastifyInstance;

  const sources = async (): Promise<SourceStatus[]> => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/sources' });
    expect(res.statusCode).toBe(200);
    return res.json<SourceStatus[]>();
  };

  beforeAll(async () => {
    db = await createTestSchema();
    app = Fastify({ logger: false });
    app.setErrorHandler(errorHandler);
    await app.register(sourcesRoutes, {
      listSources: () => listSourceStatus(db.pool),
      syncNow: () => Promise.resolve(null),
      prefix: '/api/v1',
    });
    await upsertSources(db.pool, [
      { id: SOURCE, name: 'Quy Nhơn KNTC', kind: 'rest-json', enabled: true },
      { id: OTHER, name: 'Hà Nội KNTC', kind: 'soap-xml', enabled: true },
      { id: IDLE, name: 'Phường (xuất tệp)', kind: 'file-drop', enabled: true },
    ]);

    // Yesterday: 4 accepted, one record rejected on two fields; 3 submissions attempted.
    const run1 = await startRun(db.pool, SOURCE, 'schedule');
    const first = await commitBatch(db.pool, {
      ...batchOf(
        run1,
        ['D-1', 'D-2', 'D-3', 'D-4'].map((id) => accepted(id)),
      ),
      rejections: [
        {
          sourceRecordId: 'D-9',
          errors: [
            { field: 'kind', code: 'KNTC_RECORD_UNKNOWN_CODE', message: 'unknown code' },
            { field: 'receivedAt', code: 'KNTC_RECORD_BAD_DATE', message: 'bad date' },
          ],
        },
      ],
    });
    await finishRun(db.pool, run1, { status: 'succeeded' });
    const [a, b] = first.outboxIds;
    for (const id of [a, b]) await stampFirstAttempt(db.pool, id ?? '');
    await recordAcknowledged(db.pool, a ?? '', receipt);
    await markDeadLetter(db.pool, b ?? '', { code: 'KNTC_NATIONAL_REJECTED', message: 'refused' });
    await ageOneDay(db, SOURCE);

    // Today: D-1 unchanged, D-2 edited, D-5 new; then the source fails.
    const run2 = await startRun(db.pool, SOURCE, 'schedule');
    await commitBatch(
      db.pool,
      batchOf(run2, [accepted('D-1'), accepted('D-2', 'Nội dung đã sửa'), accepted('D-5')]),
    );
    await finishRun(db.pool, run2, {
      status: 'failed',
      errorCode: 'KNTC_SOURCE_TIMEOUT',
      errorMessage: 'slow',
    });

    // Another source, today only.
    const run3 = await startRun(db.pool, OTHER, 'manual');
    await commitBatch(db.pool, {
      ...batchOf(
        run3,
        ['H-1', 'H-2'].map((id) => accepted(id)),
      ),
      sourceId: OTHER,
    });
    await finishRun(db.pool, run3, { status: 'succeeded' });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('agrees with the runs, the rejections and the outbox rows, for every source', async () => {
    const listed = await sources();
    expect(listed.map((s) => s.id)).toEqual([OTHER, SOURCE, IDLE]);
    for (const s of listed) expect(s.counts).toEqual(await countedFromRows(db, s.id));
  });

  it('sums the days of a source’s runs', async () => {
    const days = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM source_daily_counts WHERE source_id = $1',
      [SOURCE],
    );
    expect(days.rows[0]?.n).toBe(2);
    const quynhon = (await sources()).find((s) => s.id === SOURCE);
    expect(quynhon?.counts).toMatchObject({
      pulled: 7, // the raws of 4 records yesterday, of 3 today
      stored: 6, // 4 yesterday; D-2 updated and D-5 inserted today
      rejected: 1, // D-9, however many of its fields failed
    });
    expect(quynhon).toMatchObject({
      state: 'failing',
      lastRun: { errorCode: 'KNTC_SOURCE_TIMEOUT' },
    });
  });

  it('shows zeros for a source that never ran', async () => {
    const idle = (await sources()).find((s) => s.id === IDLE);
    expect(idle).toMatchObject({ state: 'never-run', lastRun: null, cursor: null });
    expect(Object.values(idle?.counts ?? {})).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Zeros in the store's answer too, not only after the response schema coerced them.
    const stored = (await listSourceStatus(db.pool)).find((s) => s.id === IDLE);
    expect(Object.values(stored?.counts ?? {})).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
