/**
 * Dedup benchmark. Quality: the labelled generator (test/dedup) through a matcher whose
 * parameters are estimated from the same data; pairwise person and case precision/recall/F1,
 * automatic-link precision, review share, clusters holding two valid CCCDs. Speed: (1) matching
 * latency per record against an in-memory store of BENCH_DEDUP_STORE persons (default 200,000;
 * the target is 1,000,000: set it and give Node a larger heap, about 4 KB per petitioner), loaded
 * the way the service loads a store at start; (2) end-to-end incremental throughput through
 * DedupService on PostgreSQL (match + save, one transaction per 1,000-record batch); (3) a full
 * re-cluster of the PostgreSQL store, reported per record and extrapolated to 1,000,000.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type pg from 'pg';
import { DedupEngine } from '../src/core/matching/engine.ts';
import { trainParams } from '../src/core/matching/train.ts';
import { personFeatures } from '../src/core/normalise/person.ts';
import type { Petition } from '../src/core/petition-schema.ts';
import { importAdminUnits } from '../src/dedup/admin-units.ts';
import { reclusterAll } from '../src/dedup/recluster.ts';
import { DedupService } from '../src/dedup/service.ts';
import { createRng, generatePerson, type SynthPerson } from '../src/simulators/synth/index.ts';
import { createPool, ensureDatabase, migrateUp } from '../src/store/index.ts';
import { evaluate } from '../test/dedup/evaluate.ts';
import { generateLabelled, type LabelledPetition } from '../test/dedup/generator.ts';
import { renderPetitioner } from '../test/dedup/render.ts';
import { insertPetitions } from '../test/dedup/store-fixture.ts';
import { ADMIN_UNITS_DIR, testAdminUnits } from '../test/dedup/units.ts';

const STORE = Number(process.env['BENCH_DEDUP_STORE'] ?? 200_000);
const MATTERS = Number(process.env['BENCH_DEDUP_MATTERS'] ?? 10_000);
const DB_MATTERS = Number(process.env['BENCH_DEDUP_DB_MATTERS'] ?? 6_000);
const DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_bench';
const log = pino({ level: 'silent' });

function quality(data: readonly LabelledPetition[]): Record<string, number> {
  const units = testAdminUnits();
  const rng = createRng(1);
  const sample = data.flatMap((d) =>
    d.input.record.petitioners.map((p) => personFeatures(p, units)),
  );
  const e = evaluate(data, { units, params: trainParams(sample, () => rng.next()) });
  return {
    personF1: e.personF1,
    personPrecision: e.personPrecision,
    personRecall: e.personRecall,
    casePrecision: e.casePrecision,
    caseRecall: e.caseRecall,
    caseF1: e.caseF1,
    autoLinkPrecision: e.autoLinkPrecision,
    reviewShare: e.reviewShare,
    validCccdConflictsLinked: e.clustersWithTwoValidCccds,
    evalPetitions: e.petitions,
  };
}

function storeRecord(i: number, person: SynthPerson, rng: ReturnType<typeof createRng>): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: 'store', sourceRecordId: String(i) },
    receipt: { receivedAt: '2024-06-01', agency: { code: 'store' }, channel: 'POST' },
    petitioners: [renderPetitioner(rng, person, (s) => s)],
    signerCount: 1,
    kind: 'KN',
    content: {
      summary: `Khiếu nại Quyết định số ${rng.int(1, 4999)}/QĐ-UBND về thu hồi ${rng.int(40, 900)} m² đất tổ ${rng.int(1, 40)}`,
    },
    confidentiality: { protectIdentity: false },
  };
}

/** Builds an in-memory store of STORE petitioners, then times matching of fresh labelled petitions. */
function latency(data: readonly LabelledPetition[]): Record<string, number> {
  const rng = createRng(99);
  const engine = new DedupEngine({ units: testAdminUnits() });
  const maps = { persons: new Map<string, number>(), cases: new Map<string, number>() };
  const people: SynthPerson[] = [];
  for (let i = 0; i < STORE; i++) {
    const p =
      people.length > 0 && rng.chance(0.3)
        ? rng.pick(people)
        : generatePerson(rng, { referenceYear: 2025 });
    if (people.length < 50_000) people.push(p);
    engine.restore(
      { hubId: randomUUID(), source: 'store', record: storeRecord(i, p, rng) },
      [randomUUID()],
      randomUUID(),
      true,
      maps,
    );
  }
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of data) {
    const t = performance.now();
    engine.resolve(d.input);
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return {
    storePersons: engine.persons.records.length,
    matchPerSec: data.length / seconds,
    // The machine is shared: records per second of CPU time says what one free core would do.
    matchPerCpuSec: data.length / ((cpu.user + cpu.system) / 1e6),
    p95Ms: times[Math.floor(times.length * 0.95)] ?? 0,
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
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

/** End-to-end incremental throughput and full re-cluster time on PostgreSQL. */
async function database(data: readonly LabelledPetition[]): Promise<Record<string, number>> {
  return withSchema(async (pool) => {
    await importAdminUnits(pool, ADMIN_UNITS_DIR);
    const service = await DedupService.open(pool, log);
    await insertPetitions(pool, data);
    const ids = data.map((d) => d.input.hubId);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += 1000) await service.resolveHubIds(ids.slice(i, i + 1000));
    const perSec = ids.length / ((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    const perCpuSec = ids.length / ((cpu.user + cpu.system) / 1e6);
    const r = await reclusterAll(pool, log);
    return {
      perSec,
      perCpuSec,
      reclusterSeconds: r.seconds,
      reclusterRecords: r.petitions,
      recluster1MMinutesExtrapolated: ((r.seconds / r.petitions) * 1e6) / 60,
    };
  });
}

/** Runs the dedup benchmark; figures for bench-results.json. */
export async function benchDedup(): Promise<Record<string, number>> {
  const data = generateLabelled({ seed: 2026, matters: MATTERS });
  const q = quality(data);
  const l = latency(data.slice(0, 5000));
  const db = await database(generateLabelled({ seed: 77, matters: DB_MATTERS }));
  return { ...q, ...l, ...db };
}
