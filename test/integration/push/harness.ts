// Shared set-up of the push tests: synthetic petitions committed straight into a test schema
// (the same commitBatch the sync uses, so each gets its outbox step in the same transaction), a
// national simulator with the faults a test asks for, a deployment pointing at it, a hub in
// this process or a child process, counters read from PostgreSQL, and the exactly-once checks.
import { loadavg } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { pino } from 'pino';
import { expect } from 'vitest';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { startHub, type Role, type RunningHub } from '../../../src/app/hub.ts';
import { checkConfig, type HubConfig } from '../../../src/config/load-config.ts';
import type { Settings } from '../../../src/config/settings.ts';
import { loadMappingFile } from '../../../src/mapping/index.ts';
import { mapBatch } from '../../../src/pipeline/map-batch.ts';
import {
  buildNationalSimulator,
  type FaultConfig,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { generateQuyNhonRecords } from '../../../src/simulators/quynhon/index.ts';
import { commitBatch, createPool, startRun, upsertSources } from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../../helpers/redis.ts';

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

/**
 * A national quota (submissions per second) that makes a push of `cases` last about `seconds`
 * whatever this machine's speed, so that the faults a test injects at given points of progress
 * land in the middle of the run (a case is about 1.5 submissions: stage 1, often stage 2).
 */
export function quotaFor(cases: number, seconds: number): number {
  return Math.min(Math.max(Math.round((cases * 1.5) / seconds), 20), 500);
}

/** A prepared push: a migrated schema full of pending petitions and a national simulator. */
export interface PushRun {
  readonly db: TestSchema;
  readonly national: NationalSimulator;
  readonly nationalUrl: string;
  readonly prefix: string;
  readonly petitions: number;
  /** The hub's settings; `databaseUrl` to reach PostgreSQL another way (a proxy). */
  settings(databaseUrl?: string): Settings;
  /** Removes the simulator, the schema and the queue keys. */
  close(): Promise<void>;
}

/** Seeds `cases` petitions and starts a simulator with `faults`. */
export async function preparePushRun(opts: {
  cases: number;
  faults?: Partial<FaultConfig>;
  seed?: number;
}): Promise<PushRun> {
  const db = await createTestSchema();
  const { prefix, cleanup } = createTestPrefix();
  const national = buildNationalSimulator({
    clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
    ...(opts.faults !== undefined && { faults: opts.faults }),
  });
  const nationalUrl = await national.listen({ host: '127.0.0.1', port: 0 });
  const petitions = await seedPetitions(db.pool, opts.cases, opts.seed);
  return {
    db,
    national,
    nationalUrl,
    prefix,
    petitions,
    settings: (databaseUrl = db.databaseUrl) => ({
      databaseUrl,
      databaseSchema: db.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix,
      configPath: 'config/push-test.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
    }),
    async close() {
      await national.close();
      await db.drop();
      await cleanup();
    },
  };
}

/** A hub started in this process, on a pool of its own. */
export interface InProcessHub {
  readonly hub: RunningHub;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/** Starts the hub's roles (default: worker) in this process against a prepared run. */
export async function startInProcessHub(
  run: PushRun,
  tuning: PushTestTuning,
  opts: { roles?: readonly Role[]; databaseUrl?: string } = {},
): Promise<InProcessHub> {
  const settings = run.settings(opts.databaseUrl);
  const pool = createPool({ databaseUrl: settings.databaseUrl, schema: run.db.schema, max: 20 });
  const roles = new Set<Role>(opts.roles ?? ['worker']);
  const hub = await startHub(
    settings,
    deployment(run.nationalUrl, tuning),
    pool,
    roles,
    pino({ level: 'silent' }),
    { dashboard: false },
  );
  return {
    hub,
    pool,
    async close() {
      await hub.close(5000);
      await pool.end();
    },
  };
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

/**
 * Polls every 250 ms until nothing is pending twice in a row (so a follow-up step queued by the
 * last acknowledgement is not missed), or fails after `timeoutMs`; `onTick` sees each reading.
 */
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
      // PostgreSQL unreachable for a moment (a restart): poll again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Outbox not drained after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Every petition known nationally under one case, nothing pending or dead, no case twice. */
export function expectDeliveredOnce(done: PushCounts, national: NationalSimulator): void {
  const s = national.simulator.stats();
  expect(done.pending).toBe(0);
  expect(done.dead).toBe(0);
  expect(done.withNationalId).toBe(done.petitions);
  expect(s.cases).toBe(done.petitions);
  expect(s.duplicateCases).toBe(0);
}

/** Writes a test's figures to stderr, with the machine's load. */
export function report(
  name: string,
  started: number,
  national: NationalSimulator,
  done: PushCounts,
) {
  const figures = {
    seconds: Math.round((Date.now() - started) / 100) / 10,
    loadavg: loadavg().map((l) => Math.round(l * 10) / 10),
    national: national.simulator.stats(),
    hub: done,
  };
  process.stderr.write(`${name}: ${JSON.stringify(figures)}\n`);
}
