// Infrastructure: in the middle of a push, the hub's Redis keys are wiped (what a Redis flush or a
// restart without persistence does to this hub), and later PostgreSQL restarts under it (see
// pg-outage.ts: a real restart of the server with PUSH_INFRA_PG=cluster, else a proxy that cuts
// every connection and refuses new ones for three seconds). The hub must recover by itself —
// reconciler, pool reconnects, BullMQ retries — and still deliver every case once. Faults land at
// points of progress, polled with deadlines; the national quota stretches the push over about
// twenty seconds whatever this machine's speed, so they land mid-run. Size: PUSH_INFRA_CASES
// (default 2,000 to keep CI inside its time; the figure is 20,000: `npm run test:push-full`).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../helpers/redis.ts';
import {
  expectDeliveredOnce,
  preparePushRun,
  quotaFor,
  report,
  startInProcessHub,
  waitDrained,
  type InProcessHub,
  type PushRun,
} from './harness.ts';
import { pgOutage, type PgOutage } from './pg-outage.ts';

const CASES = Number(process.env['PUSH_INFRA_CASES'] ?? 2_000);
const QUOTA = quotaFor(CASES, 20);

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
  let run: PushRun;
  let outage: PgOutage;
  let hub: InProcessHub;

  beforeAll(async () => {
    run = await preparePushRun({ cases: CASES, faults: { ratePerSecond: QUOTA } });
    outage = await pgOutage(run.db.databaseUrl);
    hub = await startInProcessHub(
      run,
      { ratePerSecond: QUOTA, reconcileEverySeconds: 2 },
      { databaseUrl: outage.databaseUrl },
    );
  }, 300_000);

  afterAll(async () => {
    await hub?.close();
    await outage?.close();
    await run?.close();
  });

  it('delivers every case once with no manual step', async () => {
    const started = Date.now();
    const redis = new Redis(TEST_REDIS_URL);
    let flushed = 0;
    const restarts: Promise<void>[] = [];
    try {
      const done = await waitDrained(
        () => run.db.pool,
        1_800_000,
        async (c) => {
          if (flushed === 0 && c.withNationalId > c.petitions * 0.2) {
            flushed = await wipePrefix(redis, run.prefix);
          }
          if (restarts.length === 0 && c.withNationalId > c.petitions * 0.5) {
            // Not awaited here: the outage runs while the hub keeps trying.
            restarts.push(outage.restart());
          }
        },
      );
      await Promise.all(restarts);
      report(`infrastructure test (${outage.kind})`, started, run.national, done);
      expect(flushed).toBeGreaterThan(0);
      expect(restarts).toHaveLength(1);
      expectDeliveredOnce(done, run.national);
    } finally {
      redis.disconnect();
    }
  }, 2_000_000);
});
