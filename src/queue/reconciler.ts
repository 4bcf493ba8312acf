/**
 * The reconciler makes the outbox in PostgreSQL the truth: every pending entry gets a live push
 * job. After a Redis flush or restart, or a job that used up its attempts, the entry is
 * re-enqueued (or its failed job retried), so nothing waiting in the outbox is ever forgotten. It
 * walks all pending entries page by page and checks each page's jobs in one Redis round trip, so
 * a backlog of tens of thousands costs a few hundred milliseconds.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { countPending, idlePendingIds, listPendingOutboxIds } from '../store/outbox-scan.ts';
import type { PushJobData } from './names.ts';
import { pushJobId } from './push-queue.ts';

const PAGE = 1000;

/** Adds jobs for outbox ids (with their priorities); the caller's queue producer. */
export type Requeue = (outboxIds: readonly string[]) => Promise<void>;

type JobPresence = 'missing' | 'failed' | 'completed' | 'live';

async function presence(
  queue: Queue<PushJobData>,
  redis: Redis,
  ids: readonly string[],
): Promise<JobPresence[]> {
  const pipe = redis.pipeline();
  for (const id of ids) {
    const jobId = pushJobId(id);
    pipe.exists(queue.toKey(jobId));
    pipe.zscore(queue.toKey('failed'), jobId);
    pipe.zscore(queue.toKey('completed'), jobId);
  }
  const replies = (await pipe.exec()) ?? [];
  return ids.map((_, i) => {
    const [exists, failed, completed] = [0, 1, 2].map((k) => replies[i * 3 + k]?.[1]);
    if (exists !== 1) return 'missing';
    if (failed !== null && failed !== undefined) return 'failed';
    if (completed !== null && completed !== undefined) return 'completed';
    return 'live';
  });
}

/**
 * Whether some pending entry may have a job hash in no state: fewer jobs waiting, active or
 * delayed than pending entries. Saves checking each job's state on every pass.
 */
async function orphansPossible(pool: pg.Pool, queue: Queue<PushJobData>): Promise<boolean> {
  const counts = await queue.getJobCounts('wait', 'prioritized', 'delayed', 'active');
  const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
  return jobs < (await countPending(pool));
}

/** Default idle time after which a "live" job of a pending entry has its state checked. */
const IDLE_CHECK_MS = 120_000;
/** At most this many idle entries get their job state checked per pass (oldest first). */
const IDLE_CHECKS_PER_PASS = 500;

/**
 * Ensures each pending outbox entry has a live job; returns how many were (re)queued. `redis` is
 * a connection to the queue's Redis (the job checks are pipelined on it). A job whose hash
 * exists but that sits in no BullMQ state (a flush that raced an add) is found among entries
 * idle for `idleMs`, and replaced.
 */
export async function reconcileOutbox(
  pool: pg.Pool,
  queue: Queue<PushJobData>,
  redis: Redis,
  requeue: Requeue = async (ids) => {
    await queue.addBulk(
      ids.map((outboxId) => ({
        name: 'push',
        data: { outboxId },
        opts: { jobId: pushJobId(outboxId) },
      })),
    );
  },
  idleMs = IDLE_CHECK_MS,
): Promise<number> {
  let requeued = 0;
  let after = '0';
  let checks = (await orphansPossible(pool, queue)) ? IDLE_CHECKS_PER_PASS : 0;
  for (;;) {
    const ids = await listPendingOutboxIds(pool, PAGE, after);
    if (ids.length === 0) return requeued;
    after = ids[ids.length - 1] ?? after;
    const states = await presence(queue, redis, ids);
    const live = ids.filter((_, i) => states[i] === 'live');
    const toAdd: string[] = [];
    for (const [i, id] of ids.entries()) {
      const state = states[i];
      if (state === 'missing') toAdd.push(id);
      else if (state === 'failed' || state === 'completed') {
        // Completed in Redis but pending in PostgreSQL: the outcome was not recorded. Failed:
        // replace rather than retry, because after a Redis flush a late write by BullMQ can
        // leave a job hash without its data, and retrying that job fails the same way forever.
        // The outbox row is the truth; a fresh job is built from it.
        await queue.remove(pushJobId(id));
        toAdd.push(id);
      }
      if (state !== 'live') requeued++;
    }
    const idle = checks > 0 ? await idlePendingIds(pool, live, idleMs) : [];
    for (const id of idle.slice(0, checks)) {
      checks--;
      if ((await queue.getJobState(pushJobId(id))) !== 'unknown') continue;
      await redis.del(queue.toKey(pushJobId(id)));
      toAdd.push(id);
      requeued++;
    }
    await requeue(toAdd);
  }
}

/** Runs the reconciler now and then every `everySeconds`; returns a stop function. */
export function startReconciler(
  pool: pg.Pool,
  queue: Queue<PushJobData>,
  redis: Redis,
  everySeconds: number,
  log: Logger,
  requeue?: Requeue,
  idleMs?: number,
): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const n = await reconcileOutbox(pool, queue, redis, requeue, idleMs);
      if (n > 0) log.info({ requeued: n }, 'reconciler re-enqueued pending submissions');
    } catch (err) {
      log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'reconciler pass failed; will try again',
      );
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
