// Killing the hub in the middle of a pull and starting it again neither loses nor duplicates a
// record: the real hub process (`start --roles worker,scheduler`) pulls a slow Quy Nhơn simulator,
// is killed with SIGKILL once some pages are committed, and is started again. The restarted hub
// catches up (the interrupted run does not count as done) and resumes from the last saved page.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../src/simulators/national/index.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import { waitFor } from '../helpers/hub.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';

const RECORDS = 1500;

describe('a hub killed in the middle of a pull', () => {
  let db: TestSchema;
  let quynhon: QuyNhonSimulator;
  let national: NationalSimulator;
  let dir: string;
  let prefix: ReturnType<typeof createTestPrefix>;
  let child: ChildProcess | null = null;
  const count = async (sql: string): Promise<number> =>
    Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);

  const start = (): ChildProcess =>
    spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'start', '--roles', 'worker,scheduler'],
      {
        env: {
          ...process.env,
          DATABASE_URL: db.databaseUrl,
          DATABASE_SCHEMA: db.schema,
          REDIS_URL: TEST_REDIS_URL,
          KNTC_QUEUE_PREFIX: prefix.prefix,
          KNTC_CONFIG: path.join(dir, 'hub.yaml'),
          T_QN_KEY: 'crash-key',
          T_NAT_SECRET: 'crash-secret',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );

  beforeAll(async () => {
    db = await createTestSchema();
    prefix = createTestPrefix();
    // Slow pages, so the pull takes long enough to be cut in the middle.
    quynhon = buildQuyNhonSimulator({
      apiKey: 'crash-key',
      seed: 31,
      initialRecords: RECORDS,
      faults: { latencyMs: 60 },
    });
    national = buildNationalSimulator({
      clients: [{ clientId: 'crash-hub', secret: 'crash-secret' }],
    });
    const quynhonUrl = await quynhon.listen({ host: '127.0.0.1', port: 0 });
    const nationalUrl = await national.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-pull-crash-'));
    const doc = {
      national: { baseUrl: nationalUrl, clientId: 'crash-hub', secretEnv: 'T_NAT_SECRET' },
      push: { ratePerSecond: 500, backoffMs: 100, reconcileEverySeconds: 2 },
      sources: [
        {
          id: 'quynhon-web',
          name: 'Quy Nhơn (crash test)',
          adapter: 'rest-json',
          mapping: path.resolve('mappings/quynhon-web.yaml'),
          schedule: '0 0 1 1 *', // never during the test: only the start-up catch-up pulls
          config: {
            baseUrl: quynhonUrl,
            checkPath: '/api/v1/ping',
            listPath: '/api/v1/don-thu',
            auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'T_QN_KEY' },
            params: {
              page: 'trang',
              pageSize: 'soBanGhi',
              modifiedSince: 'capNhatTu',
              afterId: 'sauMaDon',
            },
            response: { items: 'duLieu', totalPages: 'tongSoTrang' },
            record: { id: 'maDon', modified: 'ngayCapNhat' },
            pageSize: 20,
          },
        },
      ],
    };
    await writeFile(path.join(dir, 'hub.yaml'), stringify(doc));
  }, 120_000);

  afterAll(async () => {
    if (child !== null && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([quynhon?.close(), national?.close()]);
    await db?.drop();
    await prefix?.cleanup();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('resumes at the last saved page: every record stored once, every case sent once', async () => {
    child = start();
    const stored = (): Promise<number> =>
      count('SELECT count(DISTINCT source_record_id) AS n FROM raw_records');
    await waitFor(async () => (await stored()) >= 200, 120_000, 'the first pages to be committed');
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const atKill = await stored();
    expect(atKill).toBeLessThan(RECORDS); // really cut in the middle
    expect(await count("SELECT count(*) AS n FROM sync_runs WHERE status = 'running'")).toBe(1);

    child = start();
    await waitFor(
      async () => (await stored()) === RECORDS,
      180_000,
      'the restarted hub to finish the pull',
    );
    await waitFor(
      async () => (await count("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")) === 0,
      180_000,
      'every petition to be acknowledged',
    );
    // Each source record once: as a petition or as a rejection, never both, never twice.
    const petitions = await count('SELECT count(*) AS n FROM petitions');
    const rejected = await count(
      'SELECT count(DISTINCT source_record_id) AS n FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(petitions + rejected).toBe(RECORDS);
    expect(
      await count(
        'SELECT count(*) AS n FROM (SELECT source_record_id FROM raw_records GROUP BY 1 HAVING count(*) > 1) d',
      ),
    ).toBe(0);
    const stats = national.simulator.stats();
    expect(stats.cases).toBe(petitions);
    expect(stats.duplicateCases).toBe(0);
    // The interrupted run is marked failed with a reason; a later run succeeded.
    expect(
      await count(
        "SELECT count(*) AS n FROM sync_runs WHERE status = 'failed' AND error_code IS NOT NULL",
      ),
    ).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM sync_runs WHERE status = 'succeeded'"),
    ).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
