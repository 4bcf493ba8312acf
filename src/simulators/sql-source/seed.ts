/**
 * Writes letters into the simulator's tables in a few round trips (json_populate_recordset),
 * and makes the initial data set: many letters per ngay_cap_nhat value, some handled, some the
 * same letter received twice under a new so_don.
 */
import type pg from 'pg';
import type { RecordFactory } from '../quynhon/record-factory.ts';
import type { QuyNhonRecord } from '../quynhon/record.ts';
import type { Rng } from '../synth/index.ts';
import { DON_THU_COLUMNS, NGUOI_GUI_COLUMNS } from './ddl.ts';
import { toDistrictLetter, type DistrictLetter } from './district-row.ts';
import { formatStamp, initialStamps } from './stamps.ts';

/** Rates of the initial data set's variety. */
export interface SeedRates {
  readonly handled: number;
  readonly resubmission: number;
  readonly unknownLinhVuc: number;
}

const CHUNK = 500;

/** Inserts letters and their senders (in chunks, one transaction per chunk). */
export async function insertLetters(
  pool: pg.Pool,
  schema: string,
  letters: readonly DistrictLetter[],
): Promise<void> {
  for (let i = 0; i < letters.length; i += CHUNK) {
    const chunk = letters.slice(i, i + CHUNK);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(populate(schema, 'don_thu', DON_THU_COLUMNS), [
        JSON.stringify(chunk.map((l) => l.donThu)),
      ]);
      await client.query(populate(schema, 'nguoi_gui', NGUOI_GUI_COLUMNS), [
        JSON.stringify(chunk.flatMap((l) => l.nguoiGui)),
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

function populate(schema: string, table: string, columns: readonly string[]): string {
  const list = columns.join(', ');
  return `INSERT INTO ${schema}.${table} (${list})
          SELECT ${list} FROM json_populate_recordset(NULL::${schema}.${table}, $1::json)`;
}

/** The initial letters: `rows` letters over `distinctStamps` ngay_cap_nhat values. */
export function initialLetters(
  rng: Rng,
  factory: RecordFactory,
  opts: { rows: number; distinctStamps: number; nowMs: number; rates: SeedRates },
): DistrictLetter[] {
  const stamps = initialStamps(rng, opts.nowMs, Math.min(opts.distinctStamps, opts.rows));
  const made: QuyNhonRecord[] = [];
  const letters: DistrictLetter[] = [];
  for (let i = 0; i < opts.rows; i += 1) {
    const micros = stamps[Math.floor((i * stamps.length) / opts.rows)] ?? 0n;
    const atMs = Number(micros / 1000n);
    const earlier = made.length > 0 && rng.chance(opts.rates.resubmission) ? rng.pick(made) : null;
    let record = earlier === null ? factory.create(atMs) : factory.resubmit(earlier, atMs);
    if (rng.chance(opts.rates.handled)) record = factory.handle(record, atMs);
    made.push(record);
    letters.push(toDistrictLetter(rng, record, formatStamp(micros), opts.rates.unknownLinhVuc));
  }
  return letters;
}
