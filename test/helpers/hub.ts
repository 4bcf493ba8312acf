// Builds a hub wired to simulators on ephemeral 127.0.0.1 ports, in its own schema and prefix.
import { pino } from 'pino';
import { ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import { startHub, type Role, type RunningHub } from '../../src/app/hub.ts';
import { checkConfig, type HubConfig } from '../../src/config/load-config.ts';
import type { Settings } from '../../src/config/settings.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../src/simulators/national/index.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import { createTestSchema } from './pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from './redis.ts';

export interface TestHub {
  readonly hub: RunningHub;
  readonly config: HubConfig;
  readonly quynhon: QuyNhonSimulator;
  readonly national: NationalSimulator;
  readonly pool: Awaited<ReturnType<typeof createTestSchema>>['pool'];
  /** The BullMQ key prefix of this hub's queues. */
  readonly prefix: string;
  close(): Promise<void>;
}

export const QUYNHON_KEY = 'test-quynhon-key';
export const NATIONAL_SECRET = 'test-national-secret';

/** Simulators on port 0, a fresh schema and BullMQ prefix, and a hub with the given roles. */
export async function startTestHub(opts: {
  records: number;
  roles: Role[];
  seed?: number;
}): Promise<TestHub> {
  const db = await createTestSchema();
  const { prefix, cleanup } = createTestPrefix();
  const quynhon = buildQuyNhonSimulator({
    apiKey: QUYNHON_KEY,
    seed: opts.seed ?? 11,
    initialRecords: opts.records,
  });
  const national = buildNationalSimulator({
    clients: [{ clientId: 'hub-test', secret: NATIONAL_SECRET }],
  });
  const quynhonUrl = await quynhon.listen({ host: '127.0.0.1', port: 0 });
  const nationalUrl = await national.listen({ host: '127.0.0.1', port: 0 });
  const doc = {
    national: {
      baseUrl: nationalUrl,
      clientId: 'hub-test',
      secretEnv: 'T_NATIONAL_SECRET',
      timeoutMs: 5000,
    },
    push: {
      concurrency: 8,
      ratePerSecond: 500,
      attempts: 5,
      backoffMs: 50,
      reconcileEverySeconds: 1,
    },
    sources: [
      {
        id: 'quynhon-web',
        name: 'Quy Nhơn (test)',
        adapter: 'rest-json',
        mapping: 'mappings/quynhon-web.yaml',
        schedule: '0 0 1 1 *',
        config: {
          baseUrl: quynhonUrl,
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'T_QUYNHON_KEY' },
          params: {
            page: 'trang',
            pageSize: 'soBanGhi',
            modifiedSince: 'capNhatTu',
            afterId: 'sauMaDon',
          },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
          pageSize: 50,
        },
      },
    ],
  };
  const config = checkConfig(doc, 'config/test.yaml', ADAPTER_SCHEMAS, {
    T_NATIONAL_SECRET: NATIONAL_SECRET,
    T_QUYNHON_KEY: QUYNHON_KEY,
  });
  const settings: Settings = {
    databaseUrl: db.databaseUrl,
    databaseSchema: db.schema,
    redisUrl: TEST_REDIS_URL,
    queuePrefix: prefix,
    configPath: 'config/test.yaml',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    logPretty: false,
  };
  const hub = await startHub(
    settings,
    config,
    db.pool,
    new Set(opts.roles),
    pino({ level: 'silent' }),
    // These tests exercise the bare API; accounts and roles have their own tests.
    { dashboard: false },
  );
  return {
    hub,
    config,
    quynhon,
    national,
    pool: db.pool,
    prefix,
    async close() {
      await hub.close(5000);
      await Promise.all([quynhon.close(), national.close()]);
      await db.drop();
      await cleanup();
    },
  };
}

/** Polls `probe` until it returns true or the timeout passes. */
export async function waitFor(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
