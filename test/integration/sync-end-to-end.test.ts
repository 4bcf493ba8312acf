// The foundation's promise, on the real PostgreSQL and Redis: pull → map → validate → store →
// queue → push → acknowledgement, idempotent on a second sync, bad records rejected clearly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/store/index.ts';
import { startTestHub, waitFor, type TestHub } from '../helpers/hub.ts';

interface Stats {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  cases: number;
}

describe('one source synced end to end', () => {
  let t: TestHub;
  const stats = async (): Promise<Stats> =>
    (await t.national.inject({ method: 'GET', url: '/stats' })).json<Stats>();
  const sources = async (): Promise<SourceStatus[]> =>
    (await t.hub.app!.inject({ method: 'GET', url: '/api/v1/sources' })).json<SourceStatus[]>();
  const count = async (sql: string): Promise<number> =>
    Number((await t.pool.query<{ n: string }>(sql)).rows[0]?.n);

  const syncAndSettle = async (): Promise<void> => {
    const previousRun = (await sources())[0]?.lastRun?.id;
    const res = await t.hub.app!.inject({
      method: 'POST',
      url: '/api/v1/sources/quynhon-web/sync',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ alreadyQueued: false });
    await waitFor(
      async () => {
        const run = (await sources())[0]?.lastRun;
        return (
          run !== null && run !== undefined && run.id !== previousRun && run.status === 'succeeded'
        );
      },
      30_000,
      'the sync run to finish',
    );
    await waitFor(
      async () => (await count("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")) === 0,
      30_000,
      'every outbox entry to be acknowledged',
    );
  };

  beforeAll(async () => {
    t = await startTestHub({ records: 240, roles: ['api', 'worker'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores, pushes and acknowledges every valid petition', async () => {
    await syncAndSettle();
    const petitions = await count('SELECT count(*) AS n FROM petitions');
    const rejectedRecords = await count(
      'SELECT count(DISTINCT source_record_id) AS n FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(petitions).toBeGreaterThan(200);
    expect(rejectedRecords).toBeGreaterThan(0);
    expect(petitions + rejectedRecords).toBe(240);
    const s = await stats();
    // One national case per petition; later stages are further submissions to the same case.
    expect(s.cases).toBe(petitions);
    expect(s.duplicates).toBe(0);
    const [source] = await sources();
    expect(source?.counts.acknowledged).toBeGreaterThanOrEqual(petitions);
    expect(source?.counts.pending).toBe(0);
    expect(await count('SELECT count(*) AS n FROM petitions WHERE national_case_id IS NULL')).toBe(
      0,
    );
  });

  it('adds nothing in the hub and nothing at the national side when synced again', async () => {
    const before = {
      petitions: await count('SELECT count(*) AS n FROM petitions'),
      outbox: await count('SELECT count(*) AS n FROM outbox'),
      stats: await stats(),
    };
    await syncAndSettle();
    expect(await count('SELECT count(*) AS n FROM petitions')).toBe(before.petitions);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(before.outbox);
    const after = await stats();
    expect(after.accepted).toBe(before.stats.accepted);
    expect(after.received).toBe(before.stats.received);
  });

  it('keeps each rejected record with source, record id, field, value and an actionable message', async () => {
    const { rows } = await t.pool.query<{
      source_id: string;
      source_record_id: string;
      field: string;
      source_field: string | null;
      value: string | null;
      code: string;
      message: string;
    }>(
      'SELECT source_id, source_record_id, field, source_field, value, code, message FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(rows.length).toBeGreaterThan(0);
    const badDate = rows.find((r) => r.code === 'KNTC_RECORD_BAD_DATE');
    expect(badDate).toBeDefined();
    expect(badDate?.source_id).toBe('quynhon-web');
    expect(badDate?.source_record_id).toMatch(/^QN-/);
    expect(badDate?.value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(badDate?.message).not.toContain(badDate?.value ?? '');
    expect(badDate?.message.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.code === 'KNTC_RECORD_UNKNOWN_CODE')).toBe(true);
  });
});
