// Review pairs for the dashboard's review tests, seeded through the store's repositories on any
// migrated schema: four synthetic petitions of source `review-src` (two by the fixture's planted
// protected denouncer, one of them a protected denunciation; two by the planted open
// complainant), their person and case clusters, and three open review pairs.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Petition } from '../../src/core/petition-schema.ts';
import { saveDecisions } from '../../src/store/dedup-repo.ts';
import { commitBatch, finishRun, startRun, upsertSources } from '../../src/store/index.ts';
import { PLANTED } from './dashboard-fixture.ts';

type Who = { readonly name: string; readonly cccd: string; readonly phone: string };

/** What the seed created. */
export interface ReviewSeed {
  readonly hubIds: Readonly<Record<'p1' | 'p2' | 'o1' | 'o2', string>>;
  /** Open person pair of the open complainant's two petitions (nothing protected). */
  readonly openPersonPair: string;
  /** Open person pair linking the protected denunciation to the same person's complaint. */
  readonly protectedPersonPair: string;
  /** Open case pair of the protected denunciation and the complaint. */
  readonly protectedCasePair: string;
}

function petition(id: string, who: Who, kind: 'TC' | 'KN', summary: string): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: 'review-src', sourceRecordId: id },
    receipt: { receivedAt: '2026-02-02', agency: { code: 'TTT-GL' }, channel: 'POST' },
    petitioners: [
      {
        kind: 'PERSON',
        name: who.name,
        idDocument: { type: 'CCCD', number: who.cccd },
        phone: who.phone,
        address: { text: '45 Lê Lợi, Phường Quy Nhơn' },
      },
    ],
    signerCount: 1,
    kind,
    content: { summary: `${summary} (ông/bà ${who.name})` },
    confidentiality: { protectIdentity: kind === 'TC' },
  };
}

const PERSON_REASONS = {
  weight: 12.8,
  probability: 0.94,
  levels: { name: 'exact', id: 'same', phone: 'same', ward: 'different' },
  weights: { name: 6.1, id: 9.2, phone: 3.3, ward: -5.8 },
};
const CASE_REASONS = {
  score: 0.62,
  text: 0.55,
  numbers: null,
  personOverlap: 1,
  kind: 'different',
  fieldArea: 'missing',
  daysApart: 0,
};

async function storePetitions(pool: pg.Pool): Promise<ReviewSeed['hubIds']> {
  await upsertSources(pool, [
    { id: 'review-src', name: 'Gia Lai (đơn thư)', kind: 'rest-json', enabled: true },
  ]);
  const runId = await startRun(pool, 'review-src', 'manual');
  const rows: [string, Who, 'TC' | 'KN', string][] = [
    ['R-P1', PLANTED.protected, 'TC', 'Tố cáo cán bộ địa chính nhận tiền'],
    ['R-P2', PLANTED.protected, 'KN', 'Khiếu nại quyết định thu hồi đất'],
    ['R-O1', PLANTED.open, 'KN', 'Khiếu nại việc cấp sổ đỏ'],
    ['R-O2', PLANTED.open, 'KN', 'Khiếu nại việc cấp sổ đỏ lần hai'],
  ];
  await commitBatch(pool, {
    runId,
    sourceId: 'review-src',
    cursor: { modifiedSince: '2026-02-02T00:00:00Z' },
    raws: rows.map(([id], i) => ({
      sourceRecordId: id,
      payload: { so: id },
      bytesHash: String(i).repeat(64),
    })),
    petitions: rows.map(([id, who, kind, summary], i) => ({
      sourceRecordId: id,
      record: petition(id, who, kind, summary),
      contentHash: String.fromCharCode(97 + i).repeat(64),
      mappingVersion: 'review-src@1',
      kind,
      receivedOn: '2026-02-02',
    })),
    rejections: [],
  });
  await finishRun(pool, runId, { status: 'succeeded' });
  const { rows: found } = await pool.query<{ hub_id: string; source_record_id: string }>(
    `SELECT hub_id::text AS hub_id, source_record_id FROM petitions WHERE source_id = 'review-src'`,
  );
  const id = (rid: string) => found.find((r) => r.source_record_id === rid)?.hub_id ?? '';
  return { p1: id('R-P1'), p2: id('R-P2'), o1: id('R-O1'), o2: id('R-O2') };
}

/** Seeds the petitions, their clusters (each one its own) and three open pairs. */
export async function seedReviewPairs(pool: pg.Pool): Promise<ReviewSeed> {
  const hubIds = await storePetitions(pool);
  const all = Object.values(hubIds);
  const client = await pool.connect();
  try {
    await saveDecisions(
      client,
      all.map((hubId) => ({
        hubId,
        idx: 0,
        personId: randomUUID(),
        linkedTo: null,
        score: null,
        reasons: null,
      })),
      all.map((hubId) => ({
        hubId,
        caseId: randomUUID(),
        originalHubId: hubId,
        linkedTo: null,
        score: null,
        reasons: null,
      })),
      [
        {
          kind: 'person',
          leftRef: `${hubIds.o2}:0`,
          rightRef: `${hubIds.o1}:0`,
          score: 12.8,
          reasons: PERSON_REASONS,
        },
        {
          kind: 'person',
          leftRef: `${hubIds.p2}:0`,
          rightRef: `${hubIds.p1}:0`,
          score: 12.8,
          reasons: PERSON_REASONS,
        },
        {
          kind: 'case',
          leftRef: hubIds.p2,
          rightRef: hubIds.p1,
          score: 0.62,
          reasons: CASE_REASONS,
        },
      ],
    );
  } finally {
    client.release();
  }
  const { rows } = await pool.query<{ id: string; kind: string; left_ref: string }>(
    'SELECT id::text AS id, kind, left_ref FROM dedup_reviews ORDER BY id',
  );
  const pair = (kind: string, left: string) =>
    rows.find((r) => r.kind === kind && r.left_ref === left)?.id ?? '';
  return {
    hubIds,
    openPersonPair: pair('person', `${hubIds.o2}:0`),
    protectedPersonPair: pair('person', `${hubIds.p2}:0`),
    protectedCasePair: pair('case', hubIds.p2),
  };
}
