// The reconciler rebuilds a push job from the outbox when Redis holds a damaged one: after a
// flush, a late BullMQ write can recreate a job hash with no data, parked in "failed". Retrying
// that job would fail forever; the outbox entry must get a fresh job with its id.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushJobData } from '../../src/queue/names.ts';
import { pushJobId } from '../../src/queue/push-queue.ts';
import { reconcileOutbox } from '../../src/queue/reconciler.ts';
import { listPendingOutboxIds } from '../../src/store/outbox-scan.ts';
import { seedPetitions } from './push/harness.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';

describe('reconciler and damaged jobs', () => {
  let db: TestSchema;
  let redis: Redis;
  let queue: Queue<PushJobData>;
  let prefix: ReturnType<typeof createTestPrefix>;

  beforeAll(async () => {
    db = await createTestSchema();
    prefix = createTestPrefix();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue<PushJobData>('push', { connection: redis, prefix: prefix.prefix });
    await seedPetitions(db.pool, 5);
  }, 60_000);

  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await db.drop();
    await prefix.cleanup();
  });

  it('replaces a failed job that lost its data with a fresh one carrying the outbox id', async () => {
    const [id] = await listPendingOutboxIds(db.pool, 1);
    expect(id).toBeDefined();
    const jobId = pushJobId(id!);
    // What the flush left behind: a job hash with only the failure fields, listed as failed.
    await redis.hset(queue.toKey(jobId), {
      failedReason: 'Invalid outbox id "undefined"',
      atm: '65',
    });
    await redis.zadd(queue.toKey('failed'), Date.now(), jobId);

    await reconcileOutbox(db.pool, queue, redis);

    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ outboxId: id });
    expect(await job?.getState()).not.toBe('failed');
    // Every pending entry has a job with its own id.
    for (const pending of await listPendingOutboxIds(db.pool, 100)) {
      expect((await queue.getJob(pushJobId(pending)))?.data.outboxId).toBe(pending);
    }
  });
});
