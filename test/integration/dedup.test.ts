import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdminUnits } from '../../src/dedup/admin-units.ts';
import { exportDedup, type ExportLine } from '../../src/dedup/export.ts';
import { reclusterAll } from '../../src/dedup/recluster.ts';
import { DedupService } from '../../src/dedup/service.ts';
import { errorHandler } from '../../src/http/error-handler.ts';
import { reviewRoutes } from '../../src/http/routes/review.ts';
import { generateLabelled, type LabelledPetition } from '../dedup/generator.ts';
import { insertPetitions } from '../dedup/store-fixture.ts';
import { ADMIN_UNITS_DIR } from '../dedup/units.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const log = pino({ level: 'silent' });

async function exported(t: TestSchema): Promise<ExportLine[]> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done): void {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  await exportDedup(t.pool, out);
  return chunks
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportLine);
}

describe('dedup against PostgreSQL', () => {
  let t: TestSchema;
  let data: LabelledPetition[];

  beforeAll(async () => {
    t = await createTestSchema();
    await importAdminUnits(t.pool, ADMIN_UNITS_DIR);
    data = generateLabelled({ seed: 11, matters: 300 });
  });
  afterAll(async () => t.drop());

  it('resolves batches incrementally, stores links with reasons and original_hub_id, and exports every record', async () => {
    const half = Math.floor(data.length / 2);
    await insertPetitions(t.pool, data.slice(0, half));
    const service = await DedupService.open(t.pool, log);
    expect(service.engine.cases.size).toBe(half);
    await insertPetitions(t.pool, data.slice(half));
    const summary = await service.resolveHubIds(data.slice(half).map((d) => d.input.hubId));
    expect(summary.resolved).toBe(data.length - half);

    const lines = await exported(t);
    expect(lines).toHaveLength(data.length);
    const caseOf = new Map(lines.map((l) => [l.sourceId, l.caseId]));
    const truth = new Map<string, string[]>();
    for (const d of data)
      truth.set(d.truthCase, [
        ...(truth.get(d.truthCase) ?? []),
        d.input.record.provenance.sourceRecordId,
      ]);
    const copies = [...truth.values()].filter((ids) => ids.length > 1);
    const together = copies.filter((ids) => new Set(ids.map((id) => caseOf.get(id))).size === 1);
    expect(together.length / copies.length).toBeGreaterThan(0.9);

    const { rows } = await t.pool.query<{ n: number; dup: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE p.original_hub_id IS NOT NULL)::int AS dup
         FROM petitions p JOIN dedup_case_members c ON c.hub_id = p.hub_id
        WHERE (p.original_hub_id IS NULL) = (c.original_hub_id = p.hub_id)`,
    );
    expect(rows[0]?.n).toBe(data.length);
    expect(rows[0]?.dup).toBeGreaterThan(0);
    const links = await t.pool.query<{ reasons: { levels: Record<string, string> } }>(
      'SELECT reasons FROM dedup_person_records WHERE linked_to IS NOT NULL LIMIT 1',
    );
    expect(links.rows[0]?.reasons.levels.name).toBeDefined();
  });

  it('records review decisions with their actor, obeys them in a re-cluster that keeps ids, and undoes them', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    // Decisions are recorded under the signed-in account: a header stands in for the auth plugin.
    app.decorateRequest('user', null);
    app.addHook('onRequest', (req, _reply, done) => {
      const name = req.headers['x-test-user'];
      req.user = typeof name === 'string' ? { id: name, username: name, role: 'inspector' } : null;
      done();
    });
    await app.register(reviewRoutes, { pool: t.pool, prefix: '/api/v1' });
    const pairs = (await app.inject({ url: '/api/v1/review/pairs?kind=person' })).json<
      { id: string; leftRef: string; rightRef: string; left: { record: unknown } }[]
    >();
    expect(pairs.length).toBeGreaterThan(0);
    const pair = pairs[0];
    if (pair === undefined) throw new Error('no pair');
    expect(pair.left.record).not.toBeNull();
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/review/pairs/${pair.id}/decision`,
      headers: { 'x-test-user': 'thanh-tra-01' },
      payload: { verdict: 'accept' },
    });
    expect(accepted.statusCode).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/review/pairs/${pair.id}/decision`,
      headers: { 'x-test-user': 'x' },
      payload: { verdict: 'reject' },
    });
    expect(again.statusCode).toBe(409);

    const personOf = async (ref: string): Promise<string> => {
      const [hub, idx] = ref.split(':');
      const r = await t.pool.query<{ person_id: string }>(
        'SELECT person_id FROM dedup_person_records WHERE hub_id = $1 AND idx = $2',
        [hub, idx],
      );
      return r.rows[0]?.person_id ?? '';
    };
    expect(await personOf(pair.leftRef)).toBe(await personOf(pair.rightRef));
    const before = new Map((await exported(t)).map((l) => [l.sourceId, l.caseId]));
    await reclusterAll(t.pool, log);
    expect(await personOf(pair.leftRef)).toBe(await personOf(pair.rightRef));
    const after = await exported(t);
    const kept = after.filter((l) => before.get(l.sourceId) === l.caseId).length;
    expect(kept / after.length).toBeGreaterThan(0.95);

    const decision = accepted.json<{ id: string }>();
    const undo = await app.inject({
      method: 'POST',
      url: `/api/v1/review/decisions/${decision.id}/undo`,
      headers: { 'x-test-user': 'thanh-tra-02' },
    });
    expect(undo.statusCode).toBe(200);
    expect(await personOf(pair.leftRef)).not.toBe(await personOf(pair.rightRef));
    const audit = (await app.inject({ url: '/api/v1/review/decisions' })).json<
      { action: string; actor: string }[]
    >();
    expect(audit.map((d) => `${d.action}:${d.actor}`)).toEqual([
      'undo:thanh-tra-02',
      'merge:thanh-tra-01',
    ]);
    await app.close();
  });
});
