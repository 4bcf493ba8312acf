import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import {
  checkConnection,
  createPool,
  ensureDatabase,
  migrateUp,
  pendingMigrations,
} from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';

describe('migrations', () => {
  let db: TestSchema;
  beforeAll(async () => {
    db = await createTestSchema();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('leaves nothing pending once applied, and a second run applies nothing', async () => {
    expect(await pendingMigrations(db.pool)).toEqual([]);
    expect(await pendingMigrations(db.pool, db.schema)).toEqual([]);
    expect(await migrateUp({ databaseUrl: db.databaseUrl, schema: db.schema })).toEqual([]);
  });

  it('reports every migration pending for a schema never migrated', async () => {
    const pending = await pendingMigrations(db.pool, 't_never_migrated_here');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]).toMatch(/^\d{13}_initial-schema$/);
  });

  it('puts the tables in the configured schema only', async () => {
    const { rows } = await db.pool.query<{ table_schema: string }>(
      `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'petitions'
          AND table_schema = $1`,
      [db.schema],
    );
    expect(rows).toEqual([{ table_schema: db.schema }]);
  });

  it('says it created nothing when the database exists', async () => {
    expect(await ensureDatabase(db.databaseUrl)).toBe(false);
  });
});

describe('checkConnection', () => {
  it('names host, port and database but never the password', async () => {
    const pool = createPool({ databaseUrl: 'postgres://hub:s3cret-pw@127.0.0.1:1/kntc_hub' });
    try {
      const err = await checkConnection(pool).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(HubError);
      const hubErr = err as HubError;
      expect(hubErr.code).toBe('KNTC_DB_UNREACHABLE');
      expect(hubErr.message).toContain('127.0.0.1:1/kntc_hub');
      expect(hubErr.toLine()).not.toContain('s3cret-pw');
      expect(hubErr.hint).toMatch(/DATABASE_URL/);
    } finally {
      await pool.end();
    }
  });

  it('rejects a schema name that would need quoting', () => {
    expect(() => createPool({ databaseUrl: 'postgres://x@127.0.0.1/x', schema: 'a;drop' })).toThrow(
      /schema name/,
    );
  });
});
