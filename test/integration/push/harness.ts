// Shared set-up of the push tests: synthetic petitions committed straight into a test schema
// (the same commitBatch the sync uses, so each gets its outbox step in the same transaction),
// a deployment document pointing at a national simulator, and counters read from PostgreSQL.
import path from 'node:path';
import type pg from 'pg';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { checkConfig, type HubConfig } from '../../../src/config/load-config.ts';
import { loadMappingFile } from '../../../src/mapping/index.ts';
import { mapBatch } from '../../../src/pipeline/map-batch.ts';
import { generateQuyNhonRecords } from '../../../src/simulators/quynhon/index.ts';
import { commitBatch, startRun, upsertSources } from '../../../src/store/index.ts';

export const SOURCE = 'quynhon-web';
export const NATIONAL_SECRET = 'push-test-secret';
export const NATIONAL_CLIENT = 'hub-push-test';
export const MAPPING = path.resolve('mappings/quynhon-web.yaml');

/** Commits `n` synthetic Quy Nhơn records; returns how many became petitions. */
export async function seedPetitions(pool: pg.Pool, n: number, seed = 3): Promise<number> {
  await upsertSources(pool, [
    { id: SOURCE, name: 'Quy Nhơn (push test)', kind: 'rest-json', enabled: true },
  ]);
  const mapping = await loadMappingFile(MAPPING);
  const records = generateQuyNhonRecords(n, { seed, now: new Date('2026-11-20T10:00:00+07:00') });
  const runId = await startRun(pool, SOURCE, 'manual');
  let petitions = 0;
  for (let i = 0; i < records.length; i += 1000) {
    const page = records.slice(i, i + 1000).map((r) => ({
      sourceRecordId: r.maDon,
      payload: r,
      bytes: Buffer.from(JSON.stringify(r)),
    }));
    const batch = mapBatch(page, mapping, SOURCE);
    petitions += batch.petitions.length;
    await commitBatch(pool, { runId, sourceId: SOURCE, cursor: { page: i }, ...batch });
  }
  return petitions;
}

/** Push tuning of the tests. */
export interface PushTestTuning {
  readonly ratePerSecond: number;
  readonly concurrency?: number;
  readonly reconcileEverySeconds?: number;
  readonly jobLockSeconds?: number;
  readonly windows?: readonly unknown[];
}

/** The deployment document: one (never pulled) source and the national simulator. */
export function deploymentDoc(nationalUrl: string, t: PushTestTuning): Record<string, unknown> {
  return {
    national: {
      baseUrl: nationalUrl,
      clientId: NATIONAL_CLIENT,
      secretEnv: 'T_PUSH_NATIONAL_SECRET',
      timeoutMs: 5000,
      windows: t.windows ?? [],
    },
    push: {
      concurrency: t.concurrency ?? 16,
      ratePerSecond: t.ratePerSecond,
      attempts: 20,
      backoffMs: 100,
      reconcileEverySeconds: t.reconcileEverySeconds ?? 2,
      jobLockSeconds: t.jobLockSeconds ?? 5,
    },
    sources: [
      {
        id: SOURCE,
        name: 'Quy Nhơn (push test)',
        adapter: 'rest-json',
        mapping: MAPPING,
        schedule: '0 0 1 1 *',
        config: {
          baseUrl: 'http://127.0.0.1:9',
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'T_PUSH_QUYNHON_KEY' },
          params: {
            page: 'trang',
            pageSize: 'soBanGhi',
            modifiedSince: 'capNhatTu',
            afterId: 'sauMaDon',
          },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
          pageSize: 50,
        },
      },
    ],
  };
}

/** Environment holding the deployment's secrets. */
export const SECRETS_ENV = {
  T_PUSH_NATIONAL_SECRET: NATIONAL_SECRET,
  T_PUSH_QUYNHON_KEY: 'unused',
};

/** The checked deployment for an in-process hub. */
export function deployment(nationalUrl: string, t: PushTestTuning): HubConfig {
  return checkConfig(
    deploymentDoc(nationalUrl, t),
    'config/push-test.yaml',
    ADAPTER_SCHEMAS,
    SECRETS_ENV,
  );
}

/** Outbox counts by status, petitions known nationally, and dead letters. */
export interface PushCounts {
  pending: number;
  acknowledged: number;
  dead: number;
  petitions: number;
  withNationalId: number;
}

/** Reads the push counters from PostgreSQL. */
export async function pushCounts(pool: pg.Pool): Promise<PushCounts> {
  const { rows } = await pool.query<Record<keyof PushCounts, number>>(
    `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM outbox WHERE status = 'acknowledged')::int AS acknowledged,
            (SELECT count(*) FROM outbox WHERE status = 'dead')::int AS dead,
            (SELECT count(*) FROM petitions)::int AS petitions,
            (SELECT count(*) FROM petitions WHERE national_case_id IS NOT NULL)::int AS "withNationalId"`,
  );
  const r = rows[0];
  if (r === undefined) throw new Error('no counts');
  return r;
}

/** Polls until nothing is pending (twice in a row, so a follow-up step is not missed). */
export async function waitDrained(
  pool: () => pg.Pool,
  timeoutMs: number,
  onTick: (c: PushCounts) => void | Promise<void> = () => undefined,
): Promise<PushCounts> {
  const until = Date.now() + timeoutMs;
  let zeroes = 0;
  let last: PushCounts | null = null;
  while (Date.now() < until) {
    try {
      last = await pushCounts(pool());
      await onTick(last);
      zeroes = last.pending === 0 ? zeroes + 1 : 0;
      if (zeroes >= 2) return last;
    } catch {
      // PostgreSQL restarting: poll again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Outbox not drained after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
