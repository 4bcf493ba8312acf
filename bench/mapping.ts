/**
 * Mapping benchmark: a typical mapping (Quy Nhơn's JSON records, with nested petitioners, dates,
 * lookups and text transforms) applied to synthetic records in one process, so on one core.
 * Mapping only: canonical validation and storage are measured by the ingest section.
 */
import path from 'node:path';
import { loadMappingFile } from '../src/mapping/index.ts';
import { generateQuyNhonRecords } from '../src/simulators/quynhon/index.ts';

const RECORDS = Number(process.env['BENCH_MAPPING_RECORDS'] ?? 50_000);
const ROUNDS = 5;

/** Maps RECORDS records ROUNDS times and reports the median rate. */
export async function benchMapping(): Promise<Record<string, number>> {
  const mapping = await loadMappingFile(path.resolve('mappings/quynhon-web.yaml'));
  const records = generateQuyNhonRecords(RECORDS, {
    seed: 3,
    now: new Date('2026-11-20T10:00:00+07:00'),
  });
  const rates: number[] = [];
  let accepted = 0;
  for (let round = 0; round < ROUNDS; round++) {
    accepted = 0;
    const t0 = performance.now();
    for (const r of records) if (mapping.map(r, { sourceId: 'quynhon-web' }).ok) accepted++;
    rates.push(RECORDS / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { records: RECORDS, accepted, perSec: Math.round(rates[Math.floor(ROUNDS / 2)] ?? 0) };
}
