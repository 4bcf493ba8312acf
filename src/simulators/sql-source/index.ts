/**
 * A simulated district document-management system that can only be read from its database:
 * its own PostgreSQL schema with `don_thu` (letters) and `nguoi_gui` (senders), an integration
 * view the hub's sql adapter reads, realistic messy seed data, and live changes (touch, insert)
 * for the demo and the tests. See README.md.
 */
import type pg from 'pg';
import { assertSchemaName, createPool } from '../../store/pool.ts';
import { createRecordFactory } from '../quynhon/record-factory.ts';
import { resolveFaultRates, type RecordFaultRates } from '../quynhon/faults.ts';
import { createRng } from '../synth/index.ts';
import { INTEGRATION_VIEW, createStatements } from './ddl.ts';
import { liveChanges, type LiveChanges } from './live.ts';
import { initialLetters, insertLetters, type SeedRates } from './seed.ts';
import { monotonicClock } from './stamps.ts';

export { INTEGRATION_VIEW } from './ddl.ts';

/** Options of {@link createSqlSourceSimulator}. */
export interface SqlSourceSimulatorOptions {
  /** The database to create the schema in (e.g. the hub's own, for the demo). */
  readonly databaseUrl: string;
  /** The simulator's schema (plain lower-case identifier), e.g. sim_district. */
  readonly schema: string;
  /** Seed of the synthetic data (default 2026). */
  readonly seed?: number;
  /** Letters in the initial data set (default 500), written only when the schema is created. */
  readonly rows?: number;
  /** Distinct ngay_cap_nhat values in the initial data set (default rows / 8). */
  readonly watermarkValues?: number;
  /** Clock for ngay_cap_nhat, in epoch ms (default Date.now). */
  readonly now?: () => number;
  /** Drop an existing schema of that name first (default false: reuse it as it is). */
  readonly reset?: boolean;
  /** Fault rates of the letters (defaults of the Quy Nhơn simulator). */
  readonly faults?: Partial<RecordFaultRates>;
  /** Shares of handled letters, re-submissions and unknown field-area codes. */
  readonly rates?: Partial<SeedRates>;
}

/** A running simulator. */
export interface SqlSourceSimulator extends LiveChanges {
  readonly schema: string;
  /** The SELECT the sql adapter is configured with (watermark ngay_cap_nhat, key so_don). */
  readonly query: string;
  /** Drops the schema with everything in it and closes the connections. */
  drop(): Promise<void>;
  /** Closes the connections, keeping the data. */
  close(): Promise<void>;
}

const DEFAULT_RATES: SeedRates = { handled: 0.35, resubmission: 0.04, unknownLinhVuc: 0.01 };

/** Creates (or reuses) the schema, seeds it when new, and returns the controls. */
export async function createSqlSourceSimulator(
  opts: SqlSourceSimulatorOptions,
): Promise<SqlSourceSimulator> {
  const schema = assertSchemaName(opts.schema);
  const pool = createPool({ databaseUrl: opts.databaseUrl, max: 2 });
  const now = opts.now ?? Date.now;
  const rng = createRng(opts.seed ?? 2026);
  const rates = { ...DEFAULT_RATES, ...opts.rates };
  try {
    if (opts.reset === true) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const serials = await existingSerials(pool, schema);
    const faultRates = resolveFaultRates(opts.faults);
    const factory = createRecordFactory(rng, faultRates, serials ?? new Map<number, number>());
    if (serials === null) {
      for (const statement of createStatements(schema)) await pool.query(statement);
      const rows = opts.rows ?? 500;
      const distinctStamps = opts.watermarkValues ?? Math.max(1, Math.ceil(rows / 8));
      const letters = initialLetters(rng, factory, { rows, distinctStamps, nowMs: now(), rates });
      await insertLetters(pool, schema, letters);
    }
    const live = liveChanges({ pool, schema, rng, factory, clock: monotonicClock(now), rates });
    return {
      schema,
      query: `SELECT * FROM ${schema}.${INTEGRATION_VIEW}`,
      ...live,
      drop: async () => {
        try {
          await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await pool.end();
        }
      },
      close: () => pool.end(),
    };
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/** The last so_don serial per year when the schema exists (to keep numbering), else null. */
async function existingSerials(pool: pg.Pool, schema: string): Promise<Map<number, number> | null> {
  const { rows } = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS exists`,
    [`${schema}.don_thu`],
  );
  if (rows[0]?.exists !== true) return null;
  const serials = await pool.query<{ year: string; serial: string }>(
    `SELECT split_part(so_don, '-', 2) AS year, max(split_part(so_don, '-', 3)::int) AS serial
     FROM ${schema}.don_thu WHERE so_don ~ '^DT-[0-9]{4}-[0-9]+$' GROUP BY 1`,
  );
  return new Map(serials.rows.map((r) => [Number(r.year), Number(r.serial)]));
}
