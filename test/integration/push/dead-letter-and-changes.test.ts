// Dead letters and changes after sending, through the real hub, PostgreSQL, Redis and simulator:
// a 422 parks the submission as dead with the national error text, visible through the API, and
// re-sending it after the fix delivers it; content flipping A→B→A→B reaches the national side as
// four stage-1 submissions of ONE case (the last one B), never as a new case. About 30 s.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/app/hub.ts';
import type { Settings } from '../../../src/config/settings.ts';
import { loadMappingFile } from '../../../src/mapping/index.ts';
import { mapBatch } from '../../../src/pipeline/map-batch.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { generateQuyNhonRecords } from '../../../src/simulators/quynhon/index.ts';
import { commitBatch, startRun } from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../../helpers/redis.ts';
import { waitFor } from '../../helpers/hub.ts';
import {
  deployment,
  MAPPING,
  NATIONAL_CLIENT,
  NATIONAL_SECRET,
  pushCounts,
  seedPetitions,
  SOURCE,
} from './harness.ts';

describe('dead letters and changes after sending', () => {
  let db: TestSchema;
  let national: NationalSimulator;
  let hub: RunningHub;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    db = await createTestSchema();
    const prefix = createTestPrefix();
    cleanup = prefix.cleanup;
    national = buildNationalSimulator({
      clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
    });
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    await seedPetitions(db.pool, 10);
    const settings: Settings = {
      databaseUrl: db.databaseUrl,
      databaseSchema: db.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix.prefix,
      configPath: 'config/push-test.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
    };
    const config = deployment(url, { ratePerSecond: 100, reconcileEverySeconds: 1 });
    hub = await startHub(
      settings,
      config,
      db.pool,
      new Set(['api', 'worker']),
      pino({ level: 'silent' }),
      { dashboard: false },
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.close(5000);
    await national?.close();
    await db?.drop();
    await cleanup?.();
  });

  const drained = () =>
    waitFor(async () => (await pushCounts(db.pool)).pending === 0, 30_000, 'the outbox to drain');

  it('dead-letters a 422 with the national error, and re-sends it after the fix', async () => {
    await drained();
    const { rows } = await db.pool.query<{ hub_id: string; id: string }>(
      `SELECT p.hub_id::text AS hub_id, o.id::text AS id FROM petitions p JOIN outbox o USING (hub_id) LIMIT 1`,
    );
    const hubId = rows[0]!.hub_id;
    // A change the national rules refuse: the new stage-1 update is dead-lettered.
    national.simulator.setFaults({ rejectCaseIds: [hubId] });
    await db.pool.query(
      `UPDATE petitions SET revision = revision + 1, record = jsonb_set(record, '{content,summary}', '"Nội dung đã sửa"') WHERE hub_id = $1`,
      [hubId],
    );
    await db.pool.query(
      `INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
       SELECT hub_id, source_id, 'sync', hub_id::text || ':q:test', content_hash, revision FROM petitions WHERE hub_id = $1`,
      [hubId],
    );
    await waitFor(async () => (await pushCounts(db.pool)).dead === 1, 30_000, 'a dead letter');
    const dead = (
      await hub.app!.inject({ method: 'GET', url: '/api/v1/submissions?status=dead' })
    ).json<
      { id: string; lastErrorCode: string; nationalError: { fieldErrors: { field: string }[] } }[]
    >();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastErrorCode).toBe('KNTC_NATIONAL_REJECTED');
    expect(dead[0]!.nationalError.fieldErrors[0]!.field).toBe('case.tomTatNoiDung');
    const summary = (
      await hub.app!.inject({ method: 'GET', url: '/api/v1/submissions/summary' })
    ).json<{ deadLettered: number }[]>();
    expect(summary.reduce((n, s) => n + s.deadLettered, 0)).toBe(1);

    national.simulator.setFaults({ rejectCaseIds: [] });
    const resend = await hub.app!.inject({
      method: 'POST',
      url: `/api/v1/submissions/${dead[0]!.id}/resend`,
    });
    expect(resend.statusCode).toBe(202);
    await drained();
    const c = await pushCounts(db.pool);
    expect(c.dead).toBe(0);
    expect(national.simulator.stats().cases).toBe(c.petitions);
  });

  it('sends content flipping A→B→A→B as updates of one case, the last one B', async () => {
    const mapping = await loadMappingFile(MAPPING);
    const [rec] = generateQuyNhonRecords(1, {
      seed: 77,
      now: new Date('2026-11-20T10:00:00+07:00'),
    });
    const versions = ['Nội dung A', 'Nội dung B', 'Nội dung A', 'Nội dung B'];
    const casesBefore = national.simulator.stats().cases;
    for (const [i, noiDung] of versions.entries()) {
      const raw = { ...rec!, maDon: 'FLIP-1', noiDung };
      const batch = mapBatch(
        [{ sourceRecordId: 'FLIP-1', payload: raw, bytes: Buffer.from(JSON.stringify(raw)) }],
        mapping,
        SOURCE,
      );
      const runId = await startRun(db.pool, SOURCE, 'manual');
      await commitBatch(db.pool, { runId, sourceId: SOURCE, cursor: { flip: i }, ...batch });
      await drained();
    }
    const { rows } = await db.pool.query<{ key: string }>(
      `SELECT o.submission_key AS key FROM outbox o JOIN petitions p USING (hub_id)
        WHERE p.source_record_id = 'FLIP-1' AND o.status = 'acknowledged' AND o.stage = 1 ORDER BY o.id`,
    );
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.key)).size).toBe(4);
    expect(national.simulator.stats().cases).toBe(casesBefore + 1);
    const last = await db.pool.query<{ summary: string; acked: string; sent: string }>(
      `SELECT p.record->'content'->>'summary' AS summary, p.national_acked->>'1' AS acked,
              (SELECT body_hash FROM outbox o WHERE o.hub_id = p.hub_id AND o.stage = 1 ORDER BY id DESC LIMIT 1) AS sent
         FROM petitions p WHERE p.source_record_id = 'FLIP-1'`,
    );
    expect(last.rows[0]!.summary).toBe('Nội dung B');
    expect(last.rows[0]!.acked).toBe(last.rows[0]!.sent);
  });
});
