// A running hub picks up a source created in the sources console without a restart: the
// scheduler sees it within its refresh interval, the worker resolves it (secret decrypted) at job
// time, and its petitions are stored; disabling it stops its schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ADAPTERS, ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import { startHub, type RunningHub } from '../../src/app/hub.ts';
import { checkConfig } from '../../src/config/load-config.ts';
import type { Settings } from '../../src/config/settings.ts';
import { SecretKey } from '../../src/lib/secret-box.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../src/simulators/national/index.ts';
import { createPullQueue } from '../../src/queue/pull-queue.ts';
import { producerConnection } from '../../src/queue/redis.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import type { SourceDraft, SourcesConsole } from '../../src/sources/console-contract.ts';
import { createSourcesConsole } from '../../src/sources/console-service.ts';
import { SourceRegistry } from '../../src/sources/registry.ts';
import { SecretStore } from '../../src/sources/secret-store.ts';
import { waitFor } from '../helpers/hub.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';

const KEY = 'runtime-test-key-9051';
const silent = pino({ level: 'silent' });
const actor = { username: 'admin', role: 'admin', ip: '127.0.0.1' };

describe('console sources in a running hub', () => {
  let db: TestSchema;
  let redis: ReturnType<typeof createTestPrefix>;
  let quynhon: QuyNhonSimulator;
  let national: NationalSimulator;
  let hub: RunningHub | undefined;
  let consoleSvc: SourcesConsole;
  let url: string;
  const count = async (sql: string): Promise<number> =>
    Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);

  beforeAll(async () => {
    db = await createTestSchema();
    redis = createTestPrefix();
    quynhon = buildQuyNhonSimulator({ apiKey: KEY, seed: 8, initialRecords: 40 });
    national = buildNationalSimulator({ clients: [{ clientId: 'hub-test', secret: 'n-secret' }] });
    url = await quynhon.listen({ host: '127.0.0.1', port: 0 });
    const nationalUrl = await national.listen({ host: '127.0.0.1', port: 0 });
    const config = checkConfig(
      {
        national: { baseUrl: nationalUrl, clientId: 'hub-test', secretEnv: 'N_SECRET' },
        push: { ratePerSecond: 500, backoffMs: 50, reconcileEverySeconds: 1 },
        sources: [],
      },
      'config/test.yaml',
      ADAPTER_SCHEMAS,
      { N_SECRET: 'n-secret' },
    );
    const key = SecretKey.generate();
    const settings: Settings = {
      databaseUrl: db.databaseUrl,
      databaseSchema: db.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: redis.prefix,
      configPath: 'config/test.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
      secretsKey: key,
    };
    hub = await startHub(settings, config, db.pool, new Set(['worker', 'scheduler']), silent, {
      dashboard: false,
      sourcesRefreshMs: 200,
    });
    // The console of another process (the API), on the same database.
    const secrets = new SecretStore(db.pool, key);
    const registry = new SourceRegistry({
      pool: db.pool,
      fileSources: config.sources,
      root: process.cwd(),
      secrets,
      log: silent,
    });
    consoleSvc = createSourcesConsole({
      pool: db.pool,
      registry,
      secrets,
      adapters: ADAPTERS,
      root: process.cwd(),
      configFile: 'config/test.yaml',
      log: silent,
    });
  });
  afterAll(async () => {
    await hub?.close(5000);
    await Promise.all([quynhon.close(), national.close()]);
    await db.drop();
    await redis.cleanup();
  });

  const draft = (over: Partial<SourceDraft> = {}): SourceDraft => ({
    id: 'phuong-moi',
    name: 'Phường mới (console)',
    adapter: 'rest-json',
    mapping: 'mappings/quynhon-web.yaml',
    // Never due by the clock during the test: the first pull is the new source's catch-up.
    schedule: '0 0 1 1 *',
    enabled: true,
    config: {
      baseUrl: url,
      checkPath: '/api/v1/ping',
      listPath: '/api/v1/don-thu',
      auth: { type: 'apiKey', header: 'X-Api-Key' },
      params: {
        page: 'trang',
        pageSize: 'soBanGhi',
        modifiedSince: 'capNhatTu',
        afterId: 'sauMaDon',
      },
      response: { items: 'duLieu', totalPages: 'tongSoTrang' },
      record: { id: 'maDon', modified: 'ngayCapNhat' },
      pageSize: 15,
    },
    secrets: { 'auth.secretEnv': KEY },
    ...over,
  });

  it('pulls a source created after start, with its encrypted secret, without a restart', async () => {
    const created = await consoleSvc.create(draft(), actor);
    expect(created.ok).toBe(true);
    await waitFor(
      async () =>
        (await count(
          "SELECT count(*) AS n FROM sync_runs WHERE source_id = 'phuong-moi' AND status = 'succeeded'",
        )) > 0,
      20_000,
      'the console source to be pulled',
    );
    const run = await db.pool.query<{ trigger: string; pulled: number }>(
      "SELECT trigger, pulled FROM sync_runs WHERE source_id = 'phuong-moi'",
    );
    expect(run.rows).toEqual([{ trigger: 'catch-up', pulled: 40 }]);
    expect(
      await count("SELECT count(*) AS n FROM raw_records WHERE source_id = 'phuong-moi'"),
    ).toBe(40);
  });

  it('records a failed run saying why when the source cannot be prepared', async () => {
    // A mapping file the worker cannot load: the run fails at its start with the loader's error.
    await db.pool.query(
      "UPDATE source_definitions SET mapping = 'mappings/missing.yaml', version = version + 1, updated_at = clock_timestamp() WHERE id = 'phuong-moi'",
    );
    const failedManual =
      "SELECT error_code, error_message FROM sync_runs WHERE source_id = 'phuong-moi' AND trigger = 'manual' AND status = 'failed'";
    const conn = producerConnection(TEST_REDIS_URL);
    const queue = createPullQueue(conn, redis.prefix);
    try {
      await waitFor(
        async () => {
          await queue.enqueue('phuong-moi', 'manual');
          return (await db.pool.query(failedManual)).rows.length > 0;
        },
        20_000,
        'a manual run to fail',
      );
      const failed = await db.pool.query<{ error_code: string; error_message: string }>(
        failedManual,
      );
      expect(failed.rows[0]?.error_code).toBe('KNTC_MAPPING_INVALID');
      expect(failed.rows[0]?.error_message).toContain('missing.yaml');
    } finally {
      await queue.close();
      conn.disconnect();
    }
  });
});
