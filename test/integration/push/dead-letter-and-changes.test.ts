// Dead letters and changes after sending, through the real hub, PostgreSQL, Redis and simulator:
// a 422 parks the submission as dead with the national error text, visible through the API, and
// re-sending it after the fix delivers it; a change made while a submission is in flight and then
// refused goes out by itself as the next step, without a manual re-send; content flipping
// A→B→A→B reaches the national side as four stage-1 submissions of ONE case (the last one B),
// never as a new case. About 30 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMappingFile } from '../../../src/mapping/index.ts';
import { mapBatch } from '../../../src/pipeline/map-batch.ts';
import { generateQuyNhonRecords } from '../../../src/simulators/quynhon/index.ts';
import { commitBatch, startRun } from '../../../src/store/index.ts';
import { waitFor } from '../../helpers/hub.ts';
import {
  MAPPING,
  preparePushRun,
  pushCounts,
  SOURCE,
  startInProcessHub,
  type InProcessHub,
  type PushRun,
} from './harness.ts';

describe('dead letters and changes after sending', () => {
  let run: PushRun;
  let hub: InProcessHub;

  beforeAll(async () => {
    run = await preparePushRun({ cases: 10 });
    hub = await startInProcessHub(
      run,
      { ratePerSecond: 100, reconcileEverySeconds: 1 },
      { roles: ['api', 'worker'] },
    );
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await run?.close();
  });

  const drained = () =>
    waitFor(
      async () => (await pushCounts(run.db.pool)).pending === 0,
      30_000,
      'the outbox to drain',
    );

  /** Commits one version of the synthetic record `id` (as a sync would); returns queued ids. */
  async function commitVersion(id: string, noiDung: string, seed = 77): Promise<string[]> {
    const mapping = await loadMappingFile(MAPPING);
    const [rec] = generateQuyNhonRecords(1, { seed, now: new Date('2026-11-20T10:00:00+07:00') });
    const raw = { ...rec!, maDon: id, noiDung };
    const batch = mapBatch(
      [{ sourceRecordId: id, payload: raw, bytes: Buffer.from(JSON.stringify(raw)) }],
      mapping,
      SOURCE,
    );
    const runId = await startRun(run.db.pool, SOURCE, 'manual');
    const r = await commitBatch(run.db.pool, { runId, sourceId: SOURCE, cursor: { id }, ...batch });
    return r.outboxIds;
  }

  /** The submissions of one source record, oldest first. */
  async function submissionsOf(sourceRecordId: string) {
    const { rows } = await run.db.pool.query<{
      id: string;
      status: string;
      revision: number;
      stage: number | null;
      summary: string | null;
      key: string;
    }>(
      `SELECT o.id::text AS id, o.status, o.revision, o.stage, o.submission_key AS key,
              o.body->>'tomTatNoiDung' AS summary
         FROM outbox o JOIN petitions p USING (hub_id)
        WHERE p.source_record_id = $1 ORDER BY o.id`,
      [sourceRecordId],
    );
    return rows;
  }

  it('dead-letters a 422 with the national error, and re-sends it after the fix', async () => {
    await drained();
    const { rows } = await run.db.pool.query<{ hub_id: string }>(
      `SELECT p.hub_id::text AS hub_id FROM petitions p JOIN outbox o USING (hub_id) LIMIT 1`,
    );
    const hubId = rows[0]!.hub_id;
    // A change the national rules refuse: the new stage-1 update is dead-lettered.
    run.national.simulator.setFaults({ rejectCaseIds: [hubId] });
    await run.db.pool.query(
      `UPDATE petitions SET revision = revision + 1, record = jsonb_set(record, '{content,summary}', '"Nội dung đã sửa"') WHERE hub_id = $1`,
      [hubId],
    );
    await run.db.pool.query(
      `INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
       SELECT hub_id, source_id, 'sync', hub_id::text || ':q:test', content_hash, revision FROM petitions WHERE hub_id = $1`,
      [hubId],
    );
    await waitFor(async () => (await pushCounts(run.db.pool)).dead === 1, 30_000, 'a dead letter');
    const app = hub.hub.app!;
    const dead = (await app.inject({ method: 'GET', url: '/api/v1/submissions?status=dead' })).json<
      { id: string; lastErrorCode: string; nationalError: { fieldErrors: { field: string }[] } }[]
    >();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastErrorCode).toBe('KNTC_NATIONAL_REJECTED');
    expect(dead[0]!.nationalError.fieldErrors[0]!.field).toBe('case.tomTatNoiDung');
    const summary = (await app.inject({ method: 'GET', url: '/api/v1/submissions/summary' })).json<
      { deadLettered: number }[]
    >();
    expect(summary.reduce((n, s) => n + s.deadLettered, 0)).toBe(1);

    run.national.simulator.setFaults({ rejectCaseIds: [] });
    const resend = await app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${dead[0]!.id}/resend`,
    });
    expect(resend.statusCode).toBe(202);
    await drained();
    const c = await pushCounts(run.db.pool);
    expect(c.dead).toBe(0);
    expect(run.national.simulator.stats().cases).toBe(c.petitions);
  });

  it('sends a change made while its predecessor was in flight, even when that one is refused', async () => {
    await commitVersion('FIX-1', 'Nội dung gốc');
    await drained();
    const casesBefore = run.national.simulator.stats().cases;
    // The national rules refuse the next version; replies are slow, so the change below is made
    // while that version is in flight.
    run.national.simulator.setFaults({ rejectSummaries: ['Nội dung bị từ chối'], latencyMs: 800 });
    const [refusedId] = await commitVersion('FIX-1', 'Nội dung bị từ chối');
    await waitFor(
      async () => (await submissionsOf('FIX-1')).some((s) => s.id === refusedId && s.stage === 1),
      30_000,
      'the refused version to be stamped and sent',
    );
    expect(await commitVersion('FIX-1', 'Nội dung đã sửa')).toEqual([]); // one pending already
    await waitFor(
      async () => (await submissionsOf('FIX-1')).at(-1)?.status === 'acknowledged',
      30_000,
      'the fixed version to be acknowledged with no manual step',
    );
    run.national.simulator.setFaults({ rejectSummaries: [], latencyMs: 0 });
    const subs = await submissionsOf('FIX-1');
    const refused = subs.find((s) => s.id === refusedId);
    const fixed = subs.at(-1)!;
    // The refused one stays visible until the fix is acknowledged, then it is superseded.
    expect(refused).toMatchObject({ revision: 2, summary: 'Nội dung bị từ chối' });
    expect(refused?.status).toBe('superseded');
    expect(fixed).toMatchObject({ revision: 3, stage: 1, summary: 'Nội dung đã sửa' });
    expect(run.national.simulator.stats().cases).toBe(casesBefore);
    const { rows } = await run.db.pool.query<{ last_error: string | null }>(
      'SELECT last_error FROM outbox WHERE id = $1',
      [refusedId],
    );
    expect(rows[0]?.last_error).toMatch(/HTTP 422: invalid fields case\.tomTatNoiDung/);
  });

  it('sends content flipping A→B→A→B as updates of one case, the last one B', async () => {
    const versions = ['Nội dung A', 'Nội dung B', 'Nội dung A', 'Nội dung B'];
    const casesBefore = run.national.simulator.stats().cases;
    for (const noiDung of versions) {
      await commitVersion('FLIP-1', noiDung);
      await drained();
    }
    const subs = await submissionsOf('FLIP-1');
    const acked = subs.filter((s) => s.status === 'acknowledged' && s.stage === 1);
    expect(acked).toHaveLength(4);
    expect(new Set(acked.map((s) => s.key)).size).toBe(4);
    expect(run.national.simulator.stats().cases).toBe(casesBefore + 1);
    const last = await run.db.pool.query<{ summary: string; acked: string; sent: string }>(
      `SELECT p.record->'content'->>'summary' AS summary, p.national_acked->>'1' AS acked,
              (SELECT body_hash FROM outbox o WHERE o.hub_id = p.hub_id AND o.stage = 1 ORDER BY id DESC LIMIT 1) AS sent
         FROM petitions p WHERE p.source_record_id = 'FLIP-1'`,
    );
    expect(last.rows[0]!.summary).toBe('Nội dung B');
    expect(last.rows[0]!.acked).toBe(last.rows[0]!.sent);
  });
});
