// A reviewer's merge or split after the petitions reached the national database must reach it
// too: the later petition is updated as a duplicate linked to the case's original (and unlinked
// again by a split), through the outbox and the push, never as a new national case.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePair } from '../../src/dedup/decisions.ts';
import { DedupService } from '../../src/dedup/service.ts';
import {
  createNationalClient,
  type NationalClient,
  type NationalSubmission,
} from '../../src/national/client.ts';
import { pushSubmission } from '../../src/pipeline/push-submission.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../src/simulators/national/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { NATIONAL_CLIENT, NATIONAL_SECRET, seedPetitions } from './push/harness.ts';

const log = pino({ level: 'silent' });

describe('dedup decisions reach the national push', () => {
  let db: TestSchema;
  let national: NationalSimulator;
  let client: NationalClient;
  const sent: NationalSubmission[] = [];

  async function drain(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const { rows } = await db.pool.query<{ id: string }>(
        `SELECT id::text AS id FROM outbox WHERE status = 'pending' ORDER BY id`,
      );
      if (rows.length === 0) return;
      const deps = { pool: db.pool, client, log, leaseMs: 10_000 };
      const outcomes = await Promise.all(rows.map((r) => pushSubmission(deps, r.id)));
      for (const o of outcomes) expect(['acknowledged', 'skipped']).toContain(o.status);
    }
    throw new Error('outbox did not drain');
  }

  async function petition(hubId: string): Promise<{
    original: string | null;
    revision: number;
    nationalCaseId: string | null;
  }> {
    const { rows } = await db.pool.query<{
      original_hub_id: string | null;
      revision: number;
      national_case_id: string | null;
    }>('SELECT original_hub_id, revision, national_case_id FROM petitions WHERE hub_id = $1', [
      hubId,
    ]);
    const r = rows[0];
    if (r === undefined) throw new Error(`no petition ${hubId}`);
    return {
      original: r.original_hub_id,
      revision: r.revision,
      nationalCaseId: r.national_case_id,
    };
  }

  beforeAll(async () => {
    db = await createTestSchema();
    national = buildNationalSimulator({
      clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
    });
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    const real = createNationalClient(
      { baseUrl: url, clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET, timeoutMs: 5000 },
      log,
    );
    client = {
      ...real,
      submit: (s) => {
        sent.push(s);
        return real.submit(s);
      },
      submitBatch: (items) => {
        sent.push(...items);
        return real.submitBatch(items);
      },
    };
    await seedPetitions(db.pool, 40, 11);
    await DedupService.open(db.pool, log);
    await drain();
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await national?.close();
    await db?.drop();
  });

  it('sends a merged petition as a duplicate of the case original, and a split one as its own case', async () => {
    // Two petitions in different cases, the earlier one the original of its case.
    const { rows } = await db.pool.query<{ hub_id: string }>(
      `SELECT p.hub_id FROM petitions p JOIN dedup_case_members c ON c.hub_id = p.hub_id
        WHERE c.original_hub_id = p.hub_id
          AND (SELECT count(*) FROM dedup_case_members o WHERE o.case_id = c.case_id) = 1
        ORDER BY p.received_on, p.created_at, p.hub_id`,
    );
    const first = rows[0]?.hub_id;
    const later = rows[rows.length - 1]?.hub_id;
    if (first === undefined || later === undefined || first === later)
      throw new Error('need two single-petition cases');
    const before = await petition(later);
    expect(before.nationalCaseId).not.toBeNull();
    expect(before.original).toBeNull();
    const created = national.simulator.stats().cases;

    sent.length = 0;
    await decidePair(db.pool, 'case', 'merge', later, first, 'thanh-tra-01', null);
    const merged = await petition(later);
    expect(merged.original).toBe(first);
    expect(merged.revision).toBe(before.revision + 1);
    expect((await petition(first)).original).toBeNull();
    await drain();
    expect(sent).toHaveLength(1);
    const update = sent[0];
    expect(update?.operation).toBe('update');
    if (update?.operation !== 'update') throw new Error('not an update');
    expect(update.nationalCaseId).toBe(before.nationalCaseId);
    expect(update.body.maHoSoNguon).toBe(later);
    expect(update.body.trungVoiMaHoSoNguon).toBe(first);
    expect(national.simulator.stats().cases).toBe(created);

    sent.length = 0;
    await decidePair(db.pool, 'case', 'split', later, first, 'thanh-tra-02', null);
    expect((await petition(later)).original).toBeNull();
    await drain();
    expect(sent).toHaveLength(1);
    const unlinked = sent[0];
    if (unlinked?.operation !== 'update') throw new Error('not an update');
    expect(unlinked.nationalCaseId).toBe(before.nationalCaseId);
    expect(unlinked.body.trungVoiMaHoSoNguon).toBeUndefined();
    expect(national.simulator.stats().cases).toBe(created);
  });
});
