/**
 * Push benchmark: synthetic petitions committed into a fresh schema of the real PostgreSQL, then
 * pushed by the hub's worker role (BullMQ on the real Redis) to the national simulator, whose
 * quota is `allowedPerSec` submissions per second (each case is one stage-1 submission, plus one
 * stage-2 submission when it has a handling result). Utilization = achieved submissions per
 * second ÷ allowed: how much of the national window's capacity the hub uses, over the push
 * itself — from the moment the hub's worker is up (the reconciler then queues the backlog) to
 * the last acknowledgement; the hub's start-up (`startSeconds`: migrations checked, dedup index
 * loaded) is reported apart. Duplicates are cases the simulator created twice plus key replays;
 * lost = petitions without a national case id or still pending; rateLimited = requests the
 * simulator answered 429 (whole or in part). BENCH_PUSH_CASES (default 5,000) and
 * BENCH_PUSH_ALLOWED (default 500) size it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { ADAPTER_SCHEMAS } from '../adapters/index.ts';
import { startHub } from '../src/app/hub.ts';
import { checkConfig } from '../src/config/load-config.ts';
import { loadMappingFile } from '../src/mapping/index.ts';
import { mapBatch } from '../src/pipeline/map-batch.ts';
import { buildNationalSimulator } from '../src/simulators/national/index.ts';
import { generateQuyNhonRecords } from '../src/simulators/quynhon/index.ts';
import {
  commitBatch,
  createPool,
  ensureDatabase,
  migrateUp,
  startRun,
  upsertSources,
} from '../src/store/index.ts';

const CASES = Number(process.env['BENCH_PUSH_CASES'] ?? 5_000);
const ALLOWED = Number(process.env['BENCH_PUSH_ALLOWED'] ?? 500);
const DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_bench';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SOURCE = 'quynhon-web';
const MAPPING = path.resolve('mappings/quynhon-web.yaml');

async function seed(pool: pg.Pool): Promise<void> {
  await upsertSources(pool, [
    { id: SOURCE, name: 'Quy Nhơn (bench)', kind: 'rest-json', enabled: true },
  ]);
  const mapping = await loadMappingFile(MAPPING);
  const records = generateQuyNhonRecords(CASES, {
    seed: 9,
    now: new Date('2026-11-20T10:00:00+07:00'),
  });
  const runId = await startRun(pool, SOURCE, 'manual');
  for (let i = 0; i < records.length; i += 1000) {
    const page = records
      .slice(i, i + 1000)
      .map((r) => ({ sourceRecordId: r.maDon, payload: r, bytes: Buffer.from(JSON.stringify(r)) }));
    await commitBatch(pool, {
      runId,
      sourceId: SOURCE,
      cursor: { page: i },
      ...mapBatch(page, mapping, SOURCE),
    });
  }
}

function config(nationalUrl: string) {
  const doc = {
    national: { baseUrl: nationalUrl, clientId: 'bench', secretEnv: 'B_SECRET', timeoutMs: 5000 },
    push: {
      concurrency: 32,
      ratePerSecond: ALLOWED,
      attempts: 20,
      backoffMs: 100,
      reconcileEverySeconds: 5,
    },
    sources: [
      {
        id: SOURCE,
        name: 'Quy Nhơn (bench)',
        adapter: 'rest-json',
        mapping: MAPPING,
        schedule: '0 0 1 1 *',
        config: {
          baseUrl: 'http://127.0.0.1:9',
          checkPath: '/ping',
          listPath: '/list',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'B_KEY' },
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
  return checkConfig(doc, 'bench/push.yaml', ADAPTER_SCHEMAS, { B_SECRET: 's', B_KEY: 'k' });
}

async function counts(
  pool: pg.Pool,
): Promise<{ pending: number; acked: number; petitions: number; known: number }> {
  const { rows } = await pool.query<{
    pending: number;
    acked: number;
    petitions: number;
    known: number;
  }>(
    `SELECT (SELECT count(*) FROM outbox WHERE status = 'pending')::int AS pending,
            (SELECT count(*) FROM outbox WHERE status = 'acknowledged')::int AS acked,
            (SELECT count(*) FROM petitions)::int AS petitions,
            (SELECT count(*) FROM petitions WHERE national_case_id IS NOT NULL)::int AS known`,
  );
  const r = rows[0];
  if (r === undefined) throw new Error('no counts');
  return r;
}

/** When the last submission was acknowledged (epoch ms). */
async function lastAcknowledgement(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ last: Date | null }>(
    `SELECT max(acknowledged_at) AS last FROM outbox`,
  );
  return rows[0]?.last?.getTime() ?? Date.now();
}

async function wipe(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Runs the push benchmark and returns the figures for bench-results.json. */
export async function benchPush(): Promise<Record<string, number>> {
  await ensureDatabase(DATABASE_URL);
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const prefix = `kntc-bench-${randomUUID().slice(0, 8)}`;
  await migrateUp({ databaseUrl: DATABASE_URL, schema });
  const pool = createPool({ databaseUrl: DATABASE_URL, schema, max: 24 });
  const national = buildNationalSimulator({
    clients: [{ clientId: 'bench', secret: 's' }],
    faults: { ratePerSecond: ALLOWED },
  });
  try {
    await seed(pool);
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    const settings = {
      databaseUrl: DATABASE_URL,
      databaseSchema: schema,
      redisUrl: REDIS_URL,
      queuePrefix: prefix,
      configPath: 'bench/push.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
    };
    const t0 = Date.now();
    const hub = await startHub(
      settings,
      config(url),
      pool,
      new Set(['worker']),
      pino({ level: 'silent' }),
    );
    const started = Date.now();
    let c = await counts(pool);
    const until = Date.now() + 30 * 60_000;
    while (c.pending > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      c = await counts(pool);
    }
    await hub.close(5000);
    const seconds = ((await lastAcknowledgement(pool)) - started) / 1000;
    const s = national.simulator.stats();
    const achieved = s.accepted / seconds;
    return {
      cases: c.petitions,
      submissions: s.accepted,
      allowedPerSec: ALLOWED,
      achievedPerSec: Math.round(achieved),
      utilization: Number((achieved / ALLOWED).toFixed(3)),
      duplicates: s.duplicateCases + s.duplicates,
      lost: c.petitions - c.known + c.pending,
      seconds: Number(seconds.toFixed(2)),
      startSeconds: Number(((started - t0) / 1000).toFixed(2)),
      rateLimited: s.faults.rateLimited,
    };
  } finally {
    await national.close();
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
    await wipe(prefix);
  }
}
