/**
 * Test isolation for integration tests: each caller gets a fresh, migrated schema `t_<random>`
 * in the test database and a pool pinned to it; drop() removes the schema and ends the pool.
 * TEST_DATABASE_URL overrides the database (default: local kntc_hub_test, created if missing).
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createPool, ensureDatabase, migrateUp } from '../../src/store/index.ts';

const DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_test';

let databaseReady: Promise<boolean> | undefined;

/** A migrated schema of its own for one test file (or test). */
export interface TestSchema {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly databaseUrl: string;
  /** Drops the schema with everything in it and ends the pool. */
  drop(): Promise<void>;
}

/** Creates and migrates a fresh schema and returns a pool whose search_path is that schema. */
export async function createTestSchema(): Promise<TestSchema> {
  databaseReady ??= ensureDatabase(DATABASE_URL);
  await databaseReady;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await migrateUp({ databaseUrl: DATABASE_URL, schema });
  const pool = createPool({ databaseUrl: DATABASE_URL, schema, max: 5 });
  let dropped = false;
  return {
    pool,
    schema,
    databaseUrl: DATABASE_URL,
    async drop(): Promise<void> {
      if (dropped) return;
      dropped = true;
      try {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
