/**
 * listDeadlineRisks on a schema of its own holding a few hundred synthetic petitions: what the
 * SQL-narrowed scan returns must equal computing every petition's deadlines in TypeScript.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/content-hash.ts';
import { computeDeadlines } from '../../src/core/deadlines/compute.ts';
import { dayNumber, isoDate } from '../../src/core/deadlines/dates.ts';
import type { Petition } from '../../src/core/petition-schema.ts';
import {
  deadlineCandidateSql,
  listDeadlineRisks,
  loadDeadlineConfig,
  type DeadlineConfig,
  type DeadlineRisk,
} from '../../src/store/deadlines-repo.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const TODAY = '2025-02-11';
const NAME = 'Nguyễn Văn Thử';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthetic(i: number, rnd: () => number): Petition {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const plus = (iso: string, max: number) =>
    isoDate(Math.min(dayNumber(iso) + Math.floor(rnd() * max), dayNumber(TODAY)));
  const receivedAt = isoDate(dayNumber('2024-10-01') + Math.floor(rnd() * 134));
  const kind = pick(['KN', 'KN', 'TC', 'TC', 'KNPA', 'MIXED'] as const);
  const p: Petition = {
    schemaVersion: '1.0',
    provenance: { source: 'deadline-test', sourceRecordId: `D-${i}` },
    receipt: {
      receivedAt,
      agency: { code: pick(['UBND-A', 'UBND-B', 'TTR-C']), unitCode: pick(['21583', '21584']) },
      channel: 'POST',
    },
    petitioners: [{ kind: 'PERSON', name: NAME, phone: '0912345678' }],
    signerCount: 1,
    kind,
    content: { summary: 'Nội dung thử nghiệm' },
    confidentiality: { protectIdentity: kind === 'TC' },
  };
  if (rnd() < 0.5) {
    const outcome = pick(['ACCEPT', 'ACCEPT', 'GUIDE', 'TRANSFER'] as const);
    p.handling = {
      outcome,
      decidedAt: plus(receivedAt, 20),
      withinCompetence: outcome !== 'TRANSFER',
    };
  } else if (rnd() < 0.2) {
    p.handling = { withinCompetence: false };
  }
  if ((kind === 'KN' || kind === 'TC') && p.handling?.outcome !== 'GUIDE' && rnd() < 0.6) {
    const acceptedAt = plus(receivedAt, 15);
    p.settlement = {
      acceptedAt,
      round: pick([1, 2] as const),
      complex: rnd() < 0.3,
      remoteArea: rnd() < 0.2,
    };
    if (rnd() < 0.3) p.settlement.decidedAt = plus(acceptedAt, 70);
    if (rnd() < 0.15)
      p.settlement.extendedTo = isoDate(dayNumber(acceptedAt) + 40 + Math.floor(rnd() * 60));
  }
  return p;
}

describe('listDeadlineRisks', () => {
  let db: TestSchema;
  let config: DeadlineConfig;
  const petitions = new Map<string, Petition>();

  beforeAll(async () => {
    db = await createTestSchema();
    config = await loadDeadlineConfig(path.resolve('config/deadlines'));
    const rnd = random(20250211);
    for (let i = 0; i < 400; i += 1) petitions.set(randomUUID(), synthetic(i, rnd));
    const entries = [...petitions.entries()];
    await db.pool.query(
      `INSERT INTO petitions (hub_id, source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
       SELECT i.hub_id, 'deadline-test', i.rid, i.record::jsonb, i.hash, 'test@1', i.kind, i.received_on
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[])
              AS i(hub_id, rid, record, hash, kind, received_on)`,
      [
        entries.map(([id]) => id),
        entries.map(([, p]) => p.provenance.sourceRecordId),
        entries.map(([, p]) => JSON.stringify(p)),
        entries.map(([, p]) => sha256(JSON.stringify(p))),
        entries.map(([, p]) => p.kind),
        entries.map(([, p]) => p.receipt.receivedAt),
      ],
    );
  });

  afterAll(async () => {
    await db.drop();
  });

  /** Every at-risk (petition, step) by computing all 400 petitions in TypeScript. */
  function expected(unit?: string): string[] {
    const out: string[] = [];
    for (const [id, p] of petitions) {
      const agency = p.receipt.agency;
      if (unit !== undefined && agency.code !== unit && agency.unitCode !== unit) continue;
      for (const d of computeDeadlines(p, config.rules, config.calendar, TODAY)) {
        if (d.status === 'overdue' || d.status === 'due-soon') out.push(`${id}/${d.step}`);
      }
    }
    return out.sort();
  }
  const keys = (items: readonly DeadlineRisk[]) => items.map((r) => `${r.hubId}/${r.step}`).sort();

  it('finds exactly the steps near or past their deadline, earliest due first', async () => {
    const page = await listDeadlineRisks(db.pool, config, { today: TODAY, limit: 1000 });
    const want = expected();
    expect(want.length).toBeGreaterThan(50);
    expect(keys(page.items)).toEqual(want);
    expect(page.truncated).toBe(false);
    const dues = page.items.map((r) => r.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(new Set(page.items.map((r) => r.status))).toEqual(new Set(['overdue', 'due-soon']));
  });

  it('filters by agency code or administrative unit code', async () => {
    for (const unit of ['UBND-B', '21584']) {
      const page = await listDeadlineRisks(db.pool, config, { today: TODAY, unit, limit: 1000 });
      expect(keys(page.items)).toEqual(expected(unit));
      expect(page.items.length).toBeGreaterThan(0);
    }
  });

  it('returns no personal data', async () => {
    const page = await listDeadlineRisks(db.pool, config, { today: TODAY, limit: 1000 });
    const text = JSON.stringify(page);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain('0912345678');
    expect(Object.keys(page.items[0] ?? {}).sort()).toEqual(
      [
        'agencyCode',
        'approximate',
        'basis',
        'dayKind',
        'daysLeft',
        'dueAt',
        'extended',
        'hubId',
        'kind',
        'ruleId',
        'sourceId',
        'sourceRecordId',
        'startedAt',
        'status',
        'step',
        'unitCode',
      ].sort(),
    );
  });

  it('stops at the limit, most overdue first, and says so', async () => {
    const all = await listDeadlineRisks(db.pool, config, { today: TODAY, limit: 1000 });
    const page = await listDeadlineRisks(db.pool, config, { today: TODAY, limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.truncated).toBe(true);
    expect(page.items.map((r) => r.dueAt)).toEqual(all.items.slice(0, 5).map((r) => r.dueAt));
  });

  it('widens the due-soon window with the horizon', async () => {
    const near = await listDeadlineRisks(db.pool, config, {
      today: TODAY,
      limit: 1000,
      horizonDays: 0,
    });
    const far = await listDeadlineRisks(db.pool, config, {
      today: TODAY,
      limit: 1000,
      horizonDays: 10,
    });
    expect(near.items.every((r) => r.status === 'overdue' || r.dueAt === TODAY)).toBe(true);
    expect(far.items.length).toBeGreaterThan(near.items.length);
  });

  it('lets the planner use the partial indexes', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      for (const [n, sql] of deadlineCandidateSql(config.rules).entries()) {
        const params = ['1900-01-01', '00000000-0000-0000-0000-000000000000', TODAY, 'UBND-A'];
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain(
          n === 0 ? 'petitions_deadline_receipt_open' : 'petitions_deadline_settlement_open',
        );
      }
    } finally {
      client.release();
    }
  });
});
