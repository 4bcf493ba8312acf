// The simulated district database through the real pipeline: syncSource pulls it with the sql
// adapter, maps it with mappings/district-sql.yaml and commits pages into a hub schema. Every
// letter lands as a petition or a rejection; a second sync changes nothing; edited letters are
// updated.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAdapter } from '../../adapters/sql/index.ts';
import type { ResolvedSource } from '../../src/config/load-config.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { syncSource, type SyncDeps, type SyncOutcome } from '../../src/pipeline/sync-source.ts';
import {
  createSqlSourceSimulator,
  type SqlSourceSimulator,
} from '../../src/simulators/sql-source/index.ts';
import { upsertSources } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const SOURCE = 'district-sql';
const ROWS = 300;
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('district database → syncSource → hub schema', () => {
  let hub: TestSchema;
  let sim: SqlSourceSimulator;
  let mapping: CompiledMapping;
  let source: ResolvedSource;
  const count = async (sql: string): Promise<number> =>
    Number((await hub.pool.query<{ n: string }>(sql)).rows[0]?.n);
  const sync = (): Promise<SyncOutcome> => {
    const deps: SyncDeps = {
      pool: hub.pool,
      adapterFor: () => sqlAdapter,
      mappingFor: () => mapping,
      log: pino({ level: 'silent' }),
      onCommitted: () => Promise.resolve(),
    };
    return syncSource(deps, source, 'manual', new AbortController().signal);
  };

  beforeAll(async () => {
    hub = await createTestSchema();
    sim = await createSqlSourceSimulator({
      databaseUrl: hub.databaseUrl,
      schema: `sim_${randomBytes(5).toString('hex')}`,
      seed: 7,
      rows: ROWS,
      watermarkValues: 12,
      faults: { impossibleDate: 0.08, unknownLoaiDon: 0.03 },
    });
    mapping = await loadMappingFile(`${root}mappings/district-sql.yaml`);
    source = {
      id: SOURCE,
      name: 'Hệ thống quản lý văn bản UBND TP Quy Nhơn (mô phỏng)',
      adapter: 'sql',
      mapping: 'mappings/district-sql.yaml',
      mappingPath: `${root}mappings/district-sql.yaml`,
      schedule: '*/5 * * * *',
      enabled: true,
      config: {
        connection: { urlSecretEnv: 'DISTRICT_DB_URL', sslmode: 'disable' },
        query: sim.query,
        watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
        key: { column: 'so_don' },
        pageSize: 64,
      },
      secrets: { DISTRICT_DB_URL: hub.databaseUrl },
    };
    await upsertSources(hub.pool, [{ id: SOURCE, name: source.name, kind: 'sql', enabled: true }]);
  });
  afterAll(async () => {
    await sim?.drop();
    await hub?.drop();
  });

  it('stores every letter as a petition or a rejection, with clear reasons', async () => {
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', totals: { pulled: ROWS } });
    const petitions = await count('SELECT count(*) AS n FROM petitions');
    const rejected = await count(
      'SELECT count(DISTINCT source_record_id) AS n FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(petitions).toBeGreaterThan(ROWS * 0.7);
    expect(rejected).toBeGreaterThan(0);
    expect(petitions + rejected).toBe(ROWS);
    const { rows } = await hub.pool.query<{ code: string; source_field: string | null }>(
      'SELECT DISTINCT code, source_field FROM rejected_records',
    );
    expect(rows).toContainEqual({
      code: 'KNTC_RECORD_BAD_DATE',
      source_field: 'ngay_viet_don_text',
    });
    expect(rows.some((r) => r.code === 'KNTC_RECORD_UNKNOWN_CODE')).toBe(true);
  });

  it('adds and changes nothing when synced again', async () => {
    const outbox = await count('SELECT count(*) AS n FROM outbox');
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', totals: { pulled: 0 } });
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outbox);
  });

  it('pulls only edited and new letters next time', async () => {
    const touched = await sim.touch(5);
    const inserted = await sim.insert(3);
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', totals: { pulled: 8 } });
    const { rows } = await hub.pool.query<{ source_record_id: string }>(
      'SELECT DISTINCT source_record_id FROM raw_records WHERE source_record_id = ANY($1::text[])',
      [[...touched, ...inserted]],
    );
    expect(rows).toHaveLength(8);
  });
});
