/**
 * The sql adapter's contract harness: the simulated district database (src/simulators/sql-source)
 * in a schema of its own in the test database, read through a view that calls a fault gate.
 * The gate is a plpgsql function reading a one-row control table, so a fault switches on for the
 * adapter's next statement: a server-side error with a transient SQLSTATE (53000, insufficient
 * resources), a pg_sleep past the statement timeout, or no rows. A malformed payload is a row
 * whose watermark the adapter cannot order by ('infinity', README "Values").
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sqlAdapter } from '../../adapters/sql/index.ts';
import { comparePositions, fromCursor, type CursorShape } from '../../adapters/sql/position.ts';
import {
  createSqlSourceSimulator,
  INTEGRATION_VIEW,
} from '../../src/simulators/sql-source/index.ts';
import { ensureDatabase } from '../../src/store/index.ts';
import type { ContractHarness, Fault, FakeSource } from './harness.ts';

const DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_test';
const URL_ENV = 'CONTRACT_SQL_URL';
const PAGE = 10;
const TIMEOUT_MS = 500;
const SHAPE: CursorShape = { watermarkColumn: 'ngay_cap_nhat', watermarkType: 'timestamptz' };
const ORDER = { watermarkType: 'timestamptz', keyType: 'text' } as const;

let databaseReady: Promise<boolean> | undefined;

/** The gate, its control table and the view the adapter reads. */
function faultDdl(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.contract_fault (mode text NOT NULL)`,
    `INSERT INTO ${schema}.contract_fault VALUES ('none')`,
    `CREATE FUNCTION ${schema}.contract_gate() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
     DECLARE m text;
     BEGIN
       SELECT mode INTO m FROM ${schema}.contract_fault;
       IF m = 'server-error' THEN
         RAISE EXCEPTION 'simulated server trouble' USING ERRCODE = '53000';
       END IF;
       IF m = 'timeout' THEN PERFORM pg_sleep(${(TIMEOUT_MS * 10) / 1000}); END IF;
       RETURN m IS DISTINCT FROM 'empty';
     END $$`,
    `CREATE VIEW ${schema}.v_contract AS
     SELECT * FROM ${schema}.${INTEGRATION_VIEW} WHERE ${schema}.contract_gate()`,
  ];
}

async function startDistrict(records: number): Promise<FakeSource> {
  databaseReady ??= ensureDatabase(DATABASE_URL);
  await databaseReady;
  const schema = `contract_sql_${randomBytes(5).toString('hex')}`;
  const sim = await createSqlSourceSimulator({
    databaseUrl: DATABASE_URL,
    schema,
    seed: 31,
    rows: records,
  });
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  for (const statement of faultDdl(schema)) await admin.query(statement);
  const { rows } = await admin.query<{ so_don: string; stamp: string }>(
    `SELECT so_don, ngay_cap_nhat::text AS stamp FROM ${schema}.don_thu ORDER BY so_don`,
  );
  const [victim] = rows;
  const setMode = (mode: Fault) =>
    admin.query(`UPDATE ${schema}.contract_fault SET mode = $1`, [mode]);
  const setVictimStamp = (stamp: string) =>
    admin.query(`UPDATE ${schema}.don_thu SET ngay_cap_nhat = $1 WHERE so_don = $2`, [
      stamp,
      victim?.so_don,
    ]);
  return {
    config: {
      connection: { urlSecretEnv: URL_ENV, sslmode: 'disable' },
      query: `SELECT * FROM ${schema}.v_contract`,
      watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
      key: { column: 'so_don', type: 'text' },
      pageSize: PAGE,
      statementTimeoutMs: TIMEOUT_MS,
      lookback: 0,
    },
    secrets: { [URL_ENV]: DATABASE_URL },
    ids: rows.map((r) => r.so_don),
    pageSize: PAGE,
    async setFault(next) {
      await setMode(next === 'malformed' ? 'none' : next);
      if (victim !== undefined)
        await setVictimStamp(next === 'malformed' ? 'infinity' : victim.stamp);
    },
    async close() {
      await admin.end();
      await sim.drop();
    },
  };
}

/** sql against the simulated district database; keyset paging and lookback 0: an exact resume. */
export const sqlHarness: ContractHarness = {
  adapter: sqlAdapter,
  start: startDistrict,
  compareCursors(a, b) {
    const pa = fromCursor('contract', SHAPE, a);
    const pb = fromCursor('contract', SHAPE, b);
    if (pa === null || pb === null) return pa === pb ? 0 : pa === null ? -1 : 1;
    return comparePositions(ORDER, pa, pb);
  },
  resumeOverlap: 0,
  expected: { serverError: 'KNTC_SOURCE_UNREACHABLE' },
};
