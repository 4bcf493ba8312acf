/**
 * Ingest benchmark: 100,000 synthetic Quy Nhơn records through map → validate → store (raw
 * records, canonical petitions, rejections, outbox, cursor, in one transaction per page), against
 * a plain batched upsert of the same canonical rows into the same petitions table. Both run on a
 * fresh schema of the real PostgreSQL in the same process, one after the other.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import type { RawRecord } from '../adapters/contract.ts';
import { loadMappingFile } from '../src/mapping/index.ts';
import { mapBatch, type MappedBatch } from '../src/pipeline/map-batch.ts';
import { generateQuyNhonRecords } from '../src/simulators/quynhon/index.ts';
import {
  commitBatch,
  createPool,
  ensureDatabase,
  migrateUp,
  startRun,
  upsertSources,
} from '../src/store/index.ts';

const RECORDS = Number(process.env['BENCH_INGEST_RECORDS'] ?? 100_000);
const PAGE = 1000;
const DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_bench';
const SOURCE = 'quynhon-web';

async function freshSchema(): Promise<{ pool: pg.Pool; drop: () => Promise<void> }> {
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await migrateUp({ databaseUrl: DATABASE_URL, schema });
  const pool = createPool({ databaseUrl: DATABASE_URL, schema, max: 4 });
  await upsertSources(pool, [
    { id: SOURCE, name: 'Quy Nhơn (bench)', kind: 'rest-json', enabled: true },
  ]);
  return {
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

function pages(records: readonly RawRecord[]): RawRecord[][] {
  const out: RawRecord[][] = [];
  for (let i = 0; i < records.length; i += PAGE) out.push(records.slice(i, i + PAGE));
  return out;
}

async function hubPath(raw: RawRecord[][]): Promise<{ seconds: number; mapped: MappedBatch[] }> {
  const mapping = await loadMappingFile(path.resolve('mappings/quynhon-web.yaml'));
  const { pool, drop } = await freshSchema();
  const mapped: MappedBatch[] = [];
  try {
    const runId = await startRun(pool, SOURCE, 'manual');
    const t0 = performance.now();
    for (const [i, page] of raw.entries()) {
      const batch = mapBatch(page, mapping, SOURCE);
      await commitBatch(pool, { runId, sourceId: SOURCE, cursor: { page: i }, ...batch });
      mapped.push(batch);
    }
    return { seconds: (performance.now() - t0) / 1000, mapped };
  } finally {
    await drop();
  }
}

/** The baseline: the same canonical rows, one multi-row upsert per page, nothing else. */
async function rawPath(mapped: MappedBatch[]): Promise<number> {
  const { pool, drop } = await freshSchema();
  try {
    const t0 = performance.now();
    for (const batch of mapped) {
      const p = batch.petitions;
      await pool.query(
        `INSERT INTO petitions (source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
         SELECT $1, u.id, u.rec, u.hash, u.mv, u.kind, u.recv::date
           FROM unnest($2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, rec, hash, mv, kind, recv)
         ON CONFLICT (source_id, source_record_id) DO UPDATE
           SET record = EXCLUDED.record, content_hash = EXCLUDED.content_hash, updated_at = now()`,
        [
          SOURCE,
          p.map((x) => x.sourceRecordId),
          p.map((x) => JSON.stringify(x.record)),
          p.map((x) => x.contentHash),
          p.map((x) => x.mappingVersion),
          p.map((x) => x.kind),
          p.map((x) => x.receivedOn),
        ],
      );
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await drop();
  }
}

/** Runs the ingest comparison and returns the figures for bench-results.json. */
export async function benchIngest(): Promise<Record<string, number>> {
  await ensureDatabase(DATABASE_URL);
  const records = generateQuyNhonRecords(RECORDS, {
    seed: 7,
    now: new Date('2026-11-20T10:00:00+07:00'),
  });
  const raw = pages(
    records.map((r) => ({
      sourceRecordId: r.maDon,
      payload: r,
      bytes: Buffer.from(JSON.stringify(r)),
    })),
  );
  const hub = await hubPath(raw);
  const accepted = hub.mapped.reduce((n, b) => n + b.petitions.length, 0);
  const rawSeconds = await rawPath(hub.mapped);
  const hubPerSec = RECORDS / hub.seconds;
  const rawPerSec = accepted / rawSeconds;
  return {
    records: RECORDS,
    accepted,
    hubPerSec: Math.round(hubPerSec),
    rawPerSec: Math.round(rawPerSec),
    ratio: Number((hubPerSec / rawPerSec).toFixed(3)),
  };
}
