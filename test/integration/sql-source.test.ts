// The sql adapter against a real PostgreSQL and the simulated district document-management
// system in a schema of its own: keyset paging through ties, resume after a crash, changed rows
// read again (and only they), empty results, and each failure diagnosed with its code.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterContext, Cursor, RawBatch } from '../../adapters/contract.ts';
import { sqlAdapter, type SqlConfig } from '../../adapters/sql/index.ts';
import { HubError } from '../../src/lib/errors.ts';
import {
  createSqlSourceSimulator,
  type SqlSourceSimulator,
} from '../../src/simulators/sql-source/index.ts';
import { ensureDatabase } from '../../src/store/index.ts';
import { waitFor } from '../helpers/hub.ts';

const DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_test';
const SOURCE = 'district-sql';
const URL_ENV = 'DISTRICT_DB_URL';

function ctxFor(
  sim: SqlSourceSimulator,
  overrides: Partial<SqlConfig> = {},
): AdapterContext<SqlConfig> {
  return {
    sourceId: SOURCE,
    config: {
      connection: { urlSecretEnv: URL_ENV, sslmode: 'disable' },
      query: sim.query,
      watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
      key: { column: 'so_don' },
      pageSize: 100,
      ...overrides,
    },
    secrets: { [URL_ENV]: DATABASE_URL },
    log: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  };
}

async function collect(pages: AsyncIterable<RawBatch>, limit = Infinity): Promise<RawBatch[]> {
  const out: RawBatch[] = [];
  for await (const page of pages) {
    out.push(page);
    if (out.length >= limit) break;
  }
  return out;
}

const ids = (batches: readonly RawBatch[]): string[] =>
  batches.flatMap((b) => b.records.map((r) => r.sourceRecordId ?? '?'));

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof HubError)) throw new Error(`expected a HubError, got ${String(err)}`);
  return err;
}

async function newSimulator(rows: number, watermarkValues: number): Promise<SqlSourceSimulator> {
  const schema = `sim_${randomBytes(5).toString('hex')}`;
  return createSqlSourceSimulator({
    databaseUrl: DATABASE_URL,
    schema,
    seed: 11,
    rows,
    watermarkValues,
  });
}

beforeAll(async () => {
  await ensureDatabase(DATABASE_URL);
});

describe('sql adapter: paging through ties', () => {
  let sim: SqlSourceSimulator;
  beforeAll(async () => {
    sim = await newSimulator(1000, 7);
  });
  afterAll(async () => {
    await sim.drop();
  });

  it('check() passes on the simulator view', async () => {
    await expect(sqlAdapter.check(ctxFor(sim))).resolves.toBeUndefined();
  });

  it('reads 1,000 rows sharing 7 watermark values exactly once, pages of 100', async () => {
    const batches = await collect(sqlAdapter.pull(ctxFor(sim), null));
    const all = ids(batches);
    expect(batches.map((b) => b.records.length)).toEqual(Array<number>(10).fill(100));
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    const stamps = new Set(
      batches.flatMap((b) =>
        b.records.map((r) => (r.payload as { ngay_cap_nhat: string }).ngay_cap_nhat),
      ),
    );
    expect(stamps.size).toBe(7);
    // Microseconds survive (PostgreSQL drops trailing zeros): a JS Date would have cut them.
    for (const s of stamps)
      expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+07:00$/);
    expect([...stamps].some((s) => /\.\d{4,6}\+/.test(s))).toBe(true);
  });

  it('yields the row as plain JSON: key as sourceRecordId, bytes = JSON of the payload', async () => {
    const [first] = await collect(sqlAdapter.pull(ctxFor(sim, { pageSize: 1 }), null), 1);
    const record = first?.records[0];
    const payload = record?.payload as Record<string, unknown>;
    expect(record?.sourceRecordId).toBe(payload.so_don);
    expect(record?.bytes.toString('utf8')).toBe(JSON.stringify(payload));
    expect(payload.ngay_nhan).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(Array.isArray(payload.nguoi_gui)).toBe(true);
    expect(first?.cursor).toEqual({
      watermarkColumn: 'ngay_cap_nhat',
      watermarkType: 'timestamptz',
      watermark: payload.ngay_cap_nhat,
      key: payload.so_don,
    });
  });

  it('resumes after a crash mid-run from the last saved cursor: no loss, no duplicate', async () => {
    const firstRun = await collect(sqlAdapter.pull(ctxFor(sim), null), 3);
    const saved: Cursor | undefined = firstRun.at(-1)?.cursor;
    const secondRun = await collect(sqlAdapter.pull(ctxFor(sim), saved ?? null));
    const all = [...ids(firstRun), ...ids(secondRun)];
    expect(ids(firstRun)).toHaveLength(300);
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
  });

  it('opens no connection it does not close', async () => {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    const open = async (): Promise<number> => {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [`kntc-hub ${SOURCE}`],
      );
      return rows[0]?.n ?? -1;
    };
    try {
      await waitFor(async () => (await open()) === 0, 10_000, 'the adapter connections to close');
    } finally {
      await admin.end();
    }
  });
});

describe('sql adapter: changes between pulls', () => {
  let sim: SqlSourceSimulator;
  let cursor: Cursor | null = null;
  beforeAll(async () => {
    sim = await newSimulator(250, 20);
    const batches = await collect(sqlAdapter.pull(ctxFor(sim), null));
    expect(ids(batches)).toHaveLength(250);
    cursor = batches.at(-1)?.cursor ?? null;
  });
  afterAll(async () => {
    await sim.drop();
  });

  it('reads nothing, and yields no batch, when nothing changed', async () => {
    expect(await collect(sqlAdapter.pull(ctxFor(sim), cursor))).toEqual([]);
  });

  it('reads the updated rows again, and only they', async () => {
    const touched = await sim.touch(7);
    const batches = await collect(sqlAdapter.pull(ctxFor(sim), cursor));
    expect(ids(batches).sort()).toEqual([...touched].sort());
    cursor = batches.at(-1)?.cursor ?? cursor;
  });

  it('reads new rows', async () => {
    const inserted = await sim.insert(4);
    const batches = await collect(sqlAdapter.pull(ctxFor(sim), cursor));
    expect(ids(batches).sort()).toEqual([...inserted].sort());
    cursor = batches.at(-1)?.cursor ?? cursor;
  });

  it('with lookback re-reads recent rows but never moves the cursor back', async () => {
    const batches = await collect(sqlAdapter.pull(ctxFor(sim, { lookback: 3600 }), cursor));
    expect(ids(batches).length).toBeGreaterThanOrEqual(11);
    for (const b of batches) expect(b.cursor).toEqual(cursor);
  });

  it('an empty result yields no batch', async () => {
    const ctx = ctxFor(sim, { query: `${sim.query} WHERE false` });
    expect(await collect(sqlAdapter.pull(ctx, null))).toEqual([]);
  });
});

describe('sql adapter: failures', () => {
  let sim: SqlSourceSimulator;
  beforeAll(async () => {
    sim = await newSimulator(20, 2);
  });
  afterAll(async () => {
    await sim.drop();
  });

  it('a query naming a missing column → KNTC_SOURCE_QUERY naming it, permanent', async () => {
    const ctx = ctxFor(sim, {
      query: `SELECT so_don, ngay_cap_nhatx AS ngay_cap_nhat FROM ${sim.schema}.don_thu`,
    });
    const err = await failure(collect(sqlAdapter.pull(ctx, null)));
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_QUERY', retryable: false });
    expect(err.message).toContain('ngay_cap_nhatx');
    expect((await failure(sqlAdapter.check(ctx))).code).toBe('KNTC_SOURCE_QUERY');
  });

  it('a missing table → KNTC_SOURCE_QUERY naming it', async () => {
    const ctx = ctxFor(sim, { query: `SELECT * FROM ${sim.schema}.khong_co` });
    const err = await failure(sqlAdapter.check(ctx));
    expect(err.code).toBe('KNTC_SOURCE_QUERY');
    expect(err.message).toContain('khong_co');
  });

  it('check() refuses a watermark column the query does not return, or of another type', async () => {
    const missing = await failure(
      sqlAdapter.check(ctxFor(sim, { watermark: { column: 'ngay_sua', type: 'timestamptz' } })),
    );
    expect(missing.code).toBe('KNTC_SOURCE_QUERY');
    expect(missing.message).toContain('ngay_sua');
    const wrongType = await failure(
      sqlAdapter.check(ctxFor(sim, { watermark: { column: 'ngay_cap_nhat', type: 'bigint' } })),
    );
    expect(wrongType.code).toBe('KNTC_SOURCE_QUERY');
    expect(wrongType.message).toContain('timestamptz');
  });

  it('nothing listening on the port → KNTC_SOURCE_UNREACHABLE, retryable', async () => {
    const ctx: AdapterContext<SqlConfig> = {
      ...ctxFor(sim),
      config: {
        ...ctxFor(sim).config,
        connection: {
          host: '127.0.0.1',
          port: 1,
          database: 'x',
          user: 'postgres',
          sslmode: 'disable',
        },
      },
    };
    for (const attempt of [
      () => sqlAdapter.check(ctx),
      () => collect(sqlAdapter.pull(ctx, null)),
    ]) {
      const err = await failure(attempt());
      expect(err).toMatchObject({ code: 'KNTC_SOURCE_UNREACHABLE', retryable: true });
      expect(err.message).toContain('127.0.0.1:1/x');
    }
  });

  it('a missing database → KNTC_SOURCE_UNREACHABLE, permanent, with a diagnosis', async () => {
    const url = new URL(DATABASE_URL);
    url.pathname = '/khong_ton_tai';
    const ctx = { ...ctxFor(sim), secrets: { [URL_ENV]: url.toString() } };
    const err = await failure(sqlAdapter.check(ctx));
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_UNREACHABLE', retryable: false });
    expect(err.message).toContain('does not exist');
  });

  it('a statement over statementTimeoutMs → KNTC_SOURCE_TIMEOUT, retryable', async () => {
    const ctx = ctxFor(sim, {
      query: `SELECT v.* FROM ${sim.schema}.v_don_thu_tich_hop v, pg_sleep(30) AS pause`,
      statementTimeoutMs: 200,
    });
    const err = await failure(collect(sqlAdapter.pull(ctx, null)));
    expect(err).toMatchObject({ code: 'KNTC_SOURCE_TIMEOUT', retryable: true });
  });

  it('reads in a read-only transaction: a query that writes fails', async () => {
    const ctx = ctxFor(sim, {
      query: `WITH x AS (SELECT nextval('${sim.schema}.nguoi_gui_id_seq') AS n) SELECT v.* FROM ${sim.schema}.v_don_thu_tich_hop v, x`,
    });
    const err = await failure(collect(sqlAdapter.pull(ctx, null)));
    expect(err.code).toBe('KNTC_SOURCE_QUERY');
  });

  it('a stopped run rejects with the stop reason, not a source error', async () => {
    const controller = new AbortController();
    const ctx = {
      ...ctxFor(sim, {
        query: `SELECT v.* FROM ${sim.schema}.v_don_thu_tich_hop v, pg_sleep(30) AS pause`,
      }),
      signal: controller.signal,
    };
    const pending = collect(sqlAdapter.pull(ctx, null));
    setTimeout(() => controller.abort(new Error('shutdown')), 300);
    await expect(pending).rejects.toThrow('shutdown');
  });
});
