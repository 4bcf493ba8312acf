// Infrastructure: in the middle of a push, the hub's Redis keys are wiped (what a Redis flush or
// a restart without persistence does to this hub) and later PostgreSQL is restarted. The hub must
// recover by itself — reconciler, pool reconnects, BullMQ retries — and still deliver every case
// once. The PostgreSQL restart is this machine's own server (pg_ctlcluster); a `finally` starts
// it again whatever happens. Size: PUSH_INFRA_CASES (default 2,000 to keep CI inside its time; the figure is 20,000).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/app/hub.ts';
import type { Settings } from '../../../src/config/settings.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { createPool } from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../../helpers/redis.ts';
import {
  deployment,
  NATIONAL_CLIENT,
  NATIONAL_SECRET,
  seedPetitions,
  waitDrained,
} from './harness.ts';

const CASES = Number(process.env['PUSH_INFRA_CASES'] ?? 2_000);

function pgCluster(action: 'restart' | 'start'): void {
  const version = readdirSync('/etc/postgresql')[0];
  if (version === undefined) throw new Error('No PostgreSQL cluster under /etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
    stdio: 'ignore',
    timeout: 60_000,
  });
}

async function wipePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) n += await redis.del(...keys);
  } while (cursor !== '0');
  return n;
}

describe('push survives a Redis flush and a PostgreSQL restart', () => {
  let db: TestSchema;
  let national: NationalSimulator;
  let hub: RunningHub;
  let prefix: { prefix: string; cleanup: () => Promise<void> };
  const hubPool = () => pool;
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    db = await createTestSchema();
    prefix = createTestPrefix();
    national = buildNationalSimulator({
      clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
      faults: { ratePerSecond: 500 },
    });
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    await seedPetitions(db.pool, CASES);
    pool = createPool({ databaseUrl: db.databaseUrl, schema: db.schema, max: 20 });
    const settings: Settings = {
      databaseUrl: db.databaseUrl,
      databaseSchema: db.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix.prefix,
      configPath: 'config/push-test.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
    };
    const config = deployment(url, { ratePerSecond: 500, reconcileEverySeconds: 2 });
    hub = await startHub(settings, config, pool, new Set(['worker']), pino({ level: 'silent' }));
  }, 180_000);

  afterAll(async () => {
    await hub?.close(5000);
    await national?.close();
    await pool?.end();
    await db?.drop();
    await prefix?.cleanup();
  });

  it('delivers every case once with no manual step', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    let flushed = 0;
    let restarted = false;
    try {
      const done = await waitDrained(hubPool, 900_000, async (c) => {
        if (flushed === 0 && c.withNationalId > c.petitions * 0.2) {
          flushed = await wipePrefix(redis, prefix.prefix);
        }
        if (!restarted && c.withNationalId > c.petitions * 0.5) {
          restarted = true;
          pgCluster('restart');
        }
      });
      const s = national.simulator.stats();
      expect(flushed).toBeGreaterThan(0);
      expect(restarted).toBe(true);
      expect(done.withNationalId).toBe(done.petitions);
      expect(done.dead).toBe(0);
      expect(s.cases).toBe(done.petitions);
      expect(s.duplicateCases).toBe(0);
      process.stderr.write(`infrastructure test: ${JSON.stringify({ ...s, hub: done })}\n`);
    } finally {
      redis.disconnect();
      try {
        pgCluster('start');
      } catch {
        // already running: the restart above brought it back
      }
    }
  }, 1_200_000);
});
