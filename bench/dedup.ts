/**
 * Dedup benchmark. Quality: the labelled generator (test/dedup) through a matcher whose
 * parameters are estimated from the same data, as a re-cluster does; pairwise person and case
 * precision/recall/F1, automatic-link precision, review share, clusters holding two valid CCCDs.
 * Speed, on PostgreSQL, against a store of BENCH_DEDUP_STORE persons (default 1,000,000; a
 * smaller store only when that variable says so):
 * (1) the store is built in bulk (one petition and one petitioner per row);
 * (2) a full re-cluster of it, timed end to end (read and normalise, estimate, resolve in order
 *     of receipt, rewrite the cluster tables): reclusterSeconds for reclusterRecords petitions;
 * (3) a hub worker's start: DedupService.open loads the clustered store into memory;
 * (4) incremental matching: fresh labelled petitions resolved and saved page by page (200 per
 *     committed page, as the sync pipeline calls it): perSec end to end (match + reads + saves),
 *     p95Ms the matching time of one petition against the store, batchP95Ms one page's whole
 *     transaction. The machine is shared: perCpuSec says what one free core would do.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type pg from 'pg';
import { reclusterAll } from '../src/dedup/recluster.ts';
import { importAdminUnits } from '../src/dedup/admin-units.ts';
import { DedupService } from '../src/dedup/service.ts';
import { createPool, ensureDatabase, migrateUp } from '../src/store/index.ts';
import { buildBulkStore } from '../test/dedup/bulk-store.ts';
import { evaluate } from '../test/dedup/evaluate.ts';
import { generateLabelled, type LabelledPetition } from '../test/dedup/generator.ts';
import { insertPetitions } from '../test/dedup/store-fixture.ts';
import { ADMIN_UNITS_DIR, testAdminUnits } from '../test/dedup/units.ts';

const STORE = Number(process.env['BENCH_DEDUP_STORE'] ?? 1_000_000);
const MATTERS = Number(process.env['BENCH_DEDUP_MATTERS'] ?? 10_000);
const DB_MATTERS = Number(process.env['BENCH_DEDUP_DB_MATTERS'] ?? 6_000);
const PAGE = 200;
const DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_bench';
const log = pino({ level: 'silent' });

/** Progress on stderr: the section takes minutes at a million persons. */
const step = (what: string): void => {
  process.stderr.write(`bench: dedup: ${what} (${new Date().toISOString().slice(11, 19)})\n`);
};

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

function quality(data: readonly LabelledPetition[]): Record<string, number> {
  const e = evaluate(data, { units: testAdminUnits(), train: true });
  return {
    personF1: round(e.personF1),
    personPrecision: round(e.personPrecision),
    personRecall: round(e.personRecall),
    casePrecision: round(e.casePrecision),
    caseRecall: round(e.caseRecall),
    caseF1: round(e.caseF1),
    autoLinkPrecision: round(e.autoLinkPrecision, 4),
    reviewShare: round(e.reviewShare, 4),
    validCccdConflictsLinked: e.clustersWithTwoValidCccds,
    evalPetitions: e.petitions,
  };
}

async function withSchema<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  await ensureDatabase(DATABASE_URL);
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await migrateUp({ databaseUrl: DATABASE_URL, schema });
  const pool = createPool({ databaseUrl: DATABASE_URL, schema, max: 4 });
  try {
    return await fn(pool);
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
}

const p95 = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

/** Resolves fresh labelled petitions page by page against the loaded store. */
async function incremental(
  pool: pg.Pool,
  service: DedupService,
  data: readonly LabelledPetition[],
): Promise<Record<'incrementalRecords' | 'perSec' | 'perCpuSec' | 'p95Ms' | 'batchP95Ms', number>> {
  await insertPetitions(pool, data);
  const ids = data.map((d) => d.input.hubId);
  const timings: number[] = [];
  const batches: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += PAGE) {
    const t = performance.now();
    await service.resolveHubIds(ids.slice(i, i + PAGE), timings);
    batches.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    incrementalRecords: ids.length,
    perSec: Math.round(ids.length / seconds),
    perCpuSec: Math.round(ids.length / ((cpu.user + cpu.system) / 1e6)),
    p95Ms: round(p95(timings)),
    batchP95Ms: round(p95(batches), 1),
  };
}

/** Builds the store, re-clusters it, opens a service on it and matches fresh petitions. */
async function database(data: readonly LabelledPetition[]): Promise<Record<string, number>> {
  return withSchema(async (pool) => {
    await importAdminUnits(pool, ADMIN_UNITS_DIR);
    step(`building a store of ${STORE} persons`);
    const buildSeconds = await buildBulkStore(pool, STORE);
    step('re-clustering it');
    const r = await reclusterAll(pool, log);
    step('opening the service on it');
    const t = performance.now();
    const service = await DedupService.open(pool, log);
    const openSeconds = (performance.now() - t) / 1000;
    const storePersons = service.engine.persons.size;
    step('matching fresh petitions against it');
    const inc = await incremental(pool, service, data);
    const mem = process.memoryUsage();
    return {
      storePersons,
      storePetitions: service.engine.cases.size - inc.incrementalRecords,
      storeBuildSeconds: round(buildSeconds, 1),
      reclusterSeconds: round(r.seconds, 1),
      reclusterRecords: r.petitions,
      reclusterReadSeconds: round(r.phases.read, 1),
      reclusterResolveSeconds: round(r.phases.resolve, 1),
      reclusterWriteSeconds: round(r.phases.write, 1),
      openSeconds: round(openSeconds, 1),
      ...inc,
      heapMb: Math.round(mem.heapUsed / 1e6),
      // The index's typed arrays live outside the JavaScript heap.
      arrayBuffersMb: Math.round(mem.arrayBuffers / 1e6),
      rssMb: Math.round(mem.rss / 1e6),
    };
  });
}

/** Runs the dedup benchmark; figures for bench-results.json. */
export async function benchDedup(): Promise<Record<string, number>> {
  step('quality on the labelled generator');
  const q = quality(generateLabelled({ seed: 2026, matters: MATTERS }));
  const db = await database(generateLabelled({ seed: 77, matters: DB_MATTERS }));
  return { ...q, ...db };
}
